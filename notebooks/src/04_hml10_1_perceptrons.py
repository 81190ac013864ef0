# %% [markdown]
# # 핸즈온 10.1 생물학적 뉴런에서 인공 뉴런까지 (From biological to artificial neurons)
# 10.1절은 케라스 모델을 만들지 않습니다: 논리 게이트를 계산하는 퍼셉트론, 퍼셉트론 학습 규칙,
# XOR 문제와 다층 퍼셉트론, 역전파를 다룹니다. 이 패키지는 강의 노트의 작은 예제를 NumPy로 (하나는
# `GradientTape`로) 계산합니다. 그래서 이 노트북의 각 단계는 `ak`로 실행하고 표와 그림을 봅니다.
#
# Section 10.1 builds no Keras model: perceptrons as logic gates, the perceptron learning rule,
# XOR and the multilayer perceptron, backpropagation. Each step runs the package's worked example
# (NumPy, one of them also with `GradientTape`) and shows its tables and figures. The book prints no
# number for these steps to compare with.

# %% [markdown]
# ## 1. 퍼셉트론으로 만든 논리 게이트 (Logic gates as perceptrons)
# AND, NAND, OR는 퍼셉트론 하나로, XOR는 세 개를 이어서 (NAND와 OR를 AND로) 만듭니다.

# %%
gates = ak.run_experiment("perceptron_logic_gates", overrides=SETTINGS)
gates.show()

# %% [markdown]
# ## 2. 퍼셉트론 학습 규칙 (The perceptron learning rule)
# AND는 몇 번의 갱신으로 배우지만 XOR는 끝내 배우지 못합니다.

# %%
rule = ak.run_experiment("perceptron_learning_rule", overrides=SETTINGS)
rule.show()

# %% [markdown]
# ## 3. 층 하나로는 XOR를 못 배웁니다 (A single layer cannot learn XOR)
# `Dense(1, sigmoid)` 하나를 XOR의 네 입력에 훈련합니다. 어떤 초깃값에서 시작해도 비용이 줄지 않습니다.

# %%
single = ak.run_experiment("xor_single_layer", overrides=SETTINGS)
single.show()

# %% [markdown]
# ## 4. 2-2-1 다층 퍼셉트론과 역전파 (XOR with a 2-2-1 MLP and backpropagation)
# 은닉층 하나를 더하면 XOR를 배웁니다. 역전파는 손으로 쓴 NumPy 코드입니다.

# %%
mlp = ak.run_experiment("xor_mlp_backprop", overrides=SETTINGS)
mlp.show()

# %% [markdown]
# ## 5. 역전파를 손으로, 그리고 `GradientTape`로 (Backpropagation by hand and by GradientTape)
# 강의 노트의 작은 신경망에서 손으로 구한 기울기와 텐서플로가 구한 기울기를 나란히 봅니다.

# %%
backprop = ak.run_experiment("backprop_worked_example", overrides=SETTINGS)
backprop.show()
