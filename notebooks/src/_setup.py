# %% [markdown]
# ## 준비 (Setup)
# 이 셀은 어디서 실행하든 같습니다. `ann_keras` 패키지가 없으면 (Colab처럼) 저장소에서 설치하고,
# Fashion-MNIST를 찾거나 내려받아 확인합니다.
#
# The same cell wherever the notebook runs: it installs the package when it is not importable
# (on Colab, from `REPO_URL`) and finds or downloads Fashion-MNIST and checks it.

# %%
# 선생님이 저장소 주소로 바꿉니다 (the teacher sets the repository's URL)
REPO_URL = "https://github.com/YOUR-ACCOUNT/ann_keras.git"

import importlib.util
import os
import subprocess
import sys

if importlib.util.find_spec("ann_keras") is None:
    if "YOUR-ACCOUNT" in REPO_URL:
        raise SystemExit("ann_keras is not installed: set REPO_URL above to the repository's URL")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"git+{REPO_URL}"], check=True)
subprocess.run([sys.executable, "-m", "ann_keras", "data"], check=True)

import ann_keras as ak

# %% [markdown]
# `ANN_KERAS_QUICK=1`이면 작은 부분집합(훈련 512장, 검증 256장, 테스트 256장)과 1 에포크로 빠르게
# 실행합니다 (CI가 이렇게 실행합니다). 책의 숫자와 비교하려면 그대로 두세요 (전체 데이터).
#
# With `ANN_KERAS_QUICK=1` every model trains on small subsets for one epoch (how CI runs the
# notebooks); leave it unset to train on the full data, as the books do.

# %% tags=["parameters"]
QUICK = os.environ.get("ANN_KERAS_QUICK", "") == "1"
SMALL = {"data.train_samples": 512, "data.val_samples": 256, "data.test_samples": 256}
SETTINGS = {**SMALL, "train.epochs": 1, "seeds": 1} if QUICK else {}  # config overrides of every run
SEARCH = {"max_trials": 2, "epochs": 1} if QUICK else {}  # a keras-tuner search: trials and epochs
