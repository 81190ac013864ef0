# %% [markdown]
# # 혼공머신 7-1 인공 신경망 (Artificial neural networks)
# 패션 MNIST를 `Dense(10, softmax)` 층 하나로 분류합니다. 먼저 책처럼 케라스 코드로, 다음에 같은 설정을
# `ann_keras`로 실행해 결과 파일, 표, 그림을 봅니다.
#
# Fashion-MNIST with one `Dense(10, softmax)` layer: first the Keras code as the book writes it,
# then the same config through `import ann_keras as ak`, with its tables and figures.

# %% [markdown]
# ## 1. 케라스 코드 (The Keras code)
# `ak.keras_code(config)`는 설정 하나를 케라스만 쓰는 독립 프로그램으로 씁니다: 데이터를 읽고
# `train_test_split(test_size=0.2, random_state=42)`로 나누고(48,000 / 12,000), 모델을 만들고,
# `compile`, `fit`, `evaluate` 합니다. 책의 7-1과 같이 옵티마이저는 기본값(rmsprop), 5 에포크입니다.

# %%
config = ak.experiment_config("hg7_1_softmax_regression", **SETTINGS)
code = ak.keras_code(config)
print(code)

# %% [markdown]
# 이 프로그램을 그대로 실행합니다 (Run the program as it is).

# %%
exec(code)

# %% [markdown]
# ## 2. 같은 실험을 `ak`로 (The same through `ak`)
# `ak.run_experiment`는 같은 모델을 훈련하고 테스트 세트로 한 번 평가한 뒤 `results/`에 결과 파일과
# 페이지를 씁니다. `result.show()`는 그 파일에서 숫자, 표, 그림을 읽어 여기에 보여 줍니다.

# %%
result = ak.run_experiment("hg7_1_softmax_regression", overrides=SETTINGS)
result.show()

# %% [markdown]
# **책의 값 (The book's printed value)**: `model.evaluate(val_scaled, val_target)` →
# `[0.4444, 0.8458]` (1판, 2판 모두), 5번째 에포크의 훈련 정확도 0.8537.
# 위 표의 `val_accuracy`와 비교하세요 (전체 데이터로 실행했을 때). 패키지의 기본 트레이너는 케라스의
# `fit`과 섞는 순서가 달라 마지막 자리 숫자가 다를 수 있습니다; `train.trainer=keras`로 실행하면
# 위의 케라스 코드와 같은 숫자가 나옵니다.
#
# Compare with `val_accuracy` above (on the full data).

# %%
print("val_accuracy:", result.metrics.get("val_accuracy"), " (book: 0.8458)")
