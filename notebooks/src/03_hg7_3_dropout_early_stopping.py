# %% [markdown]
# # 혼공머신 7-3 신경망 모델 훈련 (Training a neural network)
# 책은 손실 곡선으로 과대적합을 보고, `Dropout(0.3)`을 넣고, `ModelCheckpoint`로 가장 좋은 모델을
# 저장하고, `EarlyStopping(patience=2, restore_best_weights=True)`로 일찍 멈춥니다. 그 마지막
# 모델을 케라스 코드로 보고, `ak`로 실행합니다.
#
# The book's last model of 7-3: Dropout(0.3), Adam, ModelCheckpoint and EarlyStopping with
# patience 2, as Keras code and then through `ak`.

# %% [markdown]
# ## 1. 케라스 코드 (The Keras code)
# `fit`에 `validation_data`와 콜백 두 개가 들어갑니다. 최대 20 에포크입니다.

# %%
config = ak.experiment_config("hg7_3_dropout_early_stopping", **SETTINGS)
code = ak.keras_code(config)
print(code)

# %%
exec(code)
print("stopped_epoch:", early_stopping_cb.stopped_epoch)

# %% [markdown]
# ## 2. 같은 실험을 `ak`로 (The same through `ak`)
# 학습 곡선에 되돌린 가장 좋은 에포크가 표시됩니다. `stopped_early`와 `epochs_run`은 조기 종료가
# 언제 멈췄는지 말해 줍니다.

# %%
result = ak.run_experiment("hg7_3_dropout_early_stopping", overrides=SETTINGS)
result.show()

# %% [markdown]
# **책의 값 (The book's printed values)**: `early_stopping_cb.stopped_epoch` 16, 검증 정확도 0.8859
# (1판); 12, 0.8853 (2판). `stopped_epoch`는 0부터 세므로 `epochs_run`은 그보다 1 큽니다.
#
# Compare with `epochs_run` and `val_accuracy` above (`stopped_epoch` counts from 0).

# %%
print("epochs_run:", result.metrics.get("epochs_run"), " val_accuracy:", result.metrics.get("val_accuracy"))
print("book: stopped_epoch 16 (1st ed.) / 12 (2nd ed.), val_accuracy 0.8859 / 0.8853")
