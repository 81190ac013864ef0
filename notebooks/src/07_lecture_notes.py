# %% [markdown]
# # 강의 노트의 실험 (The lecture notes' experiments)
# 강의 노트가 다루는 주제를 하나씩 실험합니다: 손실 함수, 활성화 함수, 입력 스케일링, 그래디언트 소멸,
# 가중치 초기화, 옵티마이저, 배치 정규화, 규제, 배치와 온라인 학습. 실험마다 비교하는 변형 중 하나를
# 케라스 코드로 보고, `ak`로 모든 변형을 실행해 표와 그림을 봅니다. 책이 출력한 숫자가 없는 실험들입니다.
#
# One experiment per topic of the lecture notes. For each: the Keras code of one of the variants it
# compares, then every variant through `ak`, with its tables and figures. The books print no number
# for these.

# %% [markdown]
# ## 1. 손실 함수 (Loss functions: MSE against cross-entropy)
# 평균 제곱 오차(MSE) 변형의 케라스 코드입니다. 케라스에 없는 `sparse_mean_squared_error`가
# 코드에 들어 있습니다.

# %%
print(ak.keras_code(ak.experiment_config("loss_functions", "sgd_mse", **SETTINGS)))

# %%
ak.run_experiment("loss_functions", overrides=SETTINGS).show()

# %% [markdown]
# ## 2. 활성화 함수 (Activation functions)

# %%
ak.run_experiment("activation_functions", overrides=SETTINGS).show()

# %% [markdown]
# ## 3. 입력 스케일링 (Input scaling)

# %%
ak.run_experiment("input_scaling", overrides=SETTINGS).show()

# %% [markdown]
# ## 4. 그래디언트 소멸 (Vanishing gradients: deep sigmoid against ReLU)

# %%
ak.run_experiment("vanishing_gradients", overrides=SETTINGS).show()

# %% [markdown]
# ## 5. 가중치 초기화 (Weight initialisation)

# %%
ak.run_experiment("initialization", overrides=SETTINGS).show()

# %% [markdown]
# ## 6. 옵티마이저 (Optimizers)

# %%
ak.run_experiment("optimizers", overrides=SETTINGS).show()

# %% [markdown]
# ## 7. 배치 정규화 (Batch normalisation)
# `BatchNormalization` 층이 들어간 모델의 케라스 코드입니다.

# %%
print(ak.keras_code(ak.experiment_config("batch_norm", **SETTINGS)))

# %%
ak.run_experiment("batch_norm", overrides=SETTINGS).show()

# %% [markdown]
# ## 8. 규제 (Regularisation: L1, L2, Dropout, augmentation, early stopping)
# 드롭아웃 변형의 케라스 코드입니다.

# %%
print(ak.keras_code(ak.experiment_config("regularization", "dropout", **SETTINGS)))

# %%
ak.run_experiment("regularization", overrides=SETTINGS).show()

# %% [markdown]
# ## 9. 배치, 온라인, 미니배치 경사 하강법 (Batch, online and mini-batch gradient descent)

# %%
ak.run_experiment("batch_vs_online", overrides=SETTINGS).show()
