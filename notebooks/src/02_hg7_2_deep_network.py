# %% [markdown]
# # 혼공머신 7-2 심층 신경망 (Deep neural networks)
# 책은 모델 세 개를 차례로 만듭니다: 은닉층 `Dense(100, sigmoid)` (784개 입력), `Flatten`과
# `Dense(100, relu)` (rmsprop), 같은 모델을 adam으로. 각 단계마다 케라스 코드를 보고 실행한 뒤,
# 세 모델을 `ak`로 한 번에 비교합니다.
#
# The book's three models in order: a sigmoid hidden layer on 784 inputs, Flatten + ReLU with
# RMSprop, the same with Adam. Each step: the Keras code, run as it is; then all three through `ak`.

# %% [markdown]
# ## 1. 시그모이드 은닉층 (A sigmoid hidden layer)
# 입력을 784개로 펼쳐 두고 `Dense(100, sigmoid)`와 `Dense(10, softmax)`를 쌓습니다 (파라미터 79,510개).
# 책의 값: 5번째 에포크 훈련 정확도 0.8759 (1판, 2판).

# %%
sigmoid = ak.keras_code(ak.experiment_config("hg7_2_deep_network", "sigmoid_784", **SETTINGS))
print(sigmoid)

# %%
exec(sigmoid)

# %% [markdown]
# ## 2. `Flatten`과 ReLU (Flatten and ReLU, RMSprop)
# 책의 값: `model.evaluate(val_scaled, val_target)`의 정확도 0.8665 (1판), 0.8652 (2판).

# %%
relu = ak.keras_code(ak.experiment_config("hg7_2_deep_network", "relu_flatten", **SETTINGS))
print(relu)

# %%
exec(relu)

# %% [markdown]
# ## 3. 옵티마이저를 adam으로 (The same model with Adam)
# `compile`의 한 줄만 바뀝니다. 책의 값: 검증 정확도 0.8726 (1판), 0.8723 (2판).

# %%
adam = ak.keras_code(ak.experiment_config("hg7_2_deep_network", "relu_flatten_adam", **SETTINGS))
print(adam)

# %%
exec(adam)

# %% [markdown]
# ## 4. 세 모델을 `ak`로 (All three through `ak`)
# 변형(variant) 세 개를 같은 데이터와 같은 시드로 훈련하고 테스트 세트로 한 번씩 평가합니다.
# `summary.csv`에 변형마다 한 줄씩 있습니다. 첫 표의 숫자는 주 모델(adam)의 것입니다.

# %%
result = ak.run_experiment("hg7_2_deep_network", overrides=SETTINGS)
result.show()

# %% [markdown]
# **책의 값 (The book's printed values)**, `summary.csv`의 `val_accuracy_mean`과 비교하세요:
#
# | 변형 (variant) | 책 1판 | 책 2판 |
# |---|---|---|
# | `sigmoid_784` (5번째 에포크 훈련 정확도, train accuracy) | 0.8759 | 0.8759 |
# | `relu_flatten` (evaluate, 검증 정확도) | 0.8665 | 0.8652 |
# | `relu_flatten_adam` (evaluate, 검증 정확도) | 0.8726 | 0.8723 |

# %%
result.summary[["variant", "val_accuracy_mean", "test_accuracy_mean"]]
