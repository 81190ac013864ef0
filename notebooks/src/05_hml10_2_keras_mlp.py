# %% [markdown]
# # 핸즈온 10.2 케라스로 다층 퍼셉트론 구현하기 (Implementing MLPs with Keras)
# 책의 패션 MNIST 분류기(`Flatten`, `Dense(300, relu)`, `Dense(100, relu)`, `Dense(10, softmax)`,
# SGD 학습률 0.01, 30 에포크), 같은 모델을 함수형 API와 서브클래싱으로 만들기, 와이드 & 딥 모델,
# 그리고 콜백입니다. 각 단계마다 케라스 코드를 실행하고, 같은 것을 `ak`로 실행합니다.
#
# The book's Fashion-MNIST classifier, the same network with the Functional API and by
# subclassing, the wide & deep model, and callbacks: each as Keras code, then through `ak`.
# The package splits the data as 혼공머신 does (48,000 / 12,000); the book keeps the last 5,000
# training images for validation.

# %% [markdown]
# ## 1. 시퀀셜 API로 만든 분류기 (The Sequential classifier)

# %%
config = ak.experiment_config("hml10_sequential", **SETTINGS)
code = ak.keras_code(config)
print(code)

# %%
exec(code)

# %%
sequential = ak.run_experiment("hml10_sequential", overrides=SETTINGS)
sequential.show()

# %% [markdown]
# **책의 값 (The book's printed values, 3판)**: 30번째 에포크의 `val_accuracy` 0.8894,
# `model.evaluate(X_test, y_test)`의 정확도 0.8864. 책은 검증 세트가 5,000장이고 시드를 완전히 고정하지
# 않아 실행할 때마다 숫자가 조금 다릅니다.

# %%
print(
    "val_accuracy:",
    sequential.metrics.get("val_accuracy"),
    " test_accuracy:",
    sequential.metrics.get("test_accuracy"),
)
print("book: val_accuracy 0.8894, test accuracy 0.8864")

# %% [markdown]
# ## 2. 함수형 API, 서브클래싱, 와이드 & 딥 (Functional, subclassed, wide & deep)
# 같은 설정에서 `model.api`만 바꾸면 만드는 코드가 바뀝니다. 서브클래싱 모델의 코드와 와이드 & 딥
# 모델의 코드를 봅니다.

# %%
subclassed = ak.keras_code(ak.experiment_config("hml10_apis", "subclassed", **SETTINGS))
print(subclassed)

# %%
exec(subclassed)

# %%
wide_and_deep = ak.keras_code(ak.experiment_config("hml10_apis", "wide_and_deep", **SETTINGS))
print(wide_and_deep)

# %%
exec(wide_and_deep)

# %% [markdown]
# 네 가지 방식(시퀀셜, 함수형, 서브클래싱, 와이드 & 딥)을 `ak`로 같은 데이터, 같은 시드로 비교합니다.

# %%
apis = ak.run_experiment("hml10_apis", overrides=SETTINGS)
apis.show()

# %% [markdown]
# ## 3. 콜백 (Callbacks)
# `ModelCheckpoint`, `EarlyStopping(patience=10, restore_best_weights=True)`, 사용자 정의 콜백,
# 텐서보드. `epochs=100`은 상한일 뿐이고 조기 종료가 훨씬 일찍 멈춥니다.

# %%
callbacks_config = ak.experiment_config("hml10_callbacks", **SETTINGS)
callbacks_code = ak.keras_code(callbacks_config)
print(callbacks_code)

# %%
exec(callbacks_code)

# %%
callbacks = ak.run_experiment("hml10_callbacks", overrides=SETTINGS)
callbacks.show()
