"""The words of the pages, in English and Korean.

Metric names stay as Keras writes them (loss, val_accuracy, test_accuracy) in
both languages; the words around them are translated.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "ko")

TEXT = {
    "en": {
        "results": "Results",
        "index_intro": "One row per experiment in {folder}, rendered from its saved result files. Open a "
        "row for the whole report.",
        "no_results": "No results yet: run an experiment with `ann-keras run NAME` (see `ann-keras list`).",
        "experiment": "Experiment",
        "mirrors": "Mirrors",
        "ran": "Ran",
        "device": "Device",
        "status": "Status",
        "epochs": "Epochs",
        "complete": "complete",
        "running": "running",
        "killed": "stopped before finishing",
        "failed": "failed",
        "interrupted": "interrupted",
        "unknown": "unfinished",
        "damaged": "damaged",
        "damaged_intro": "The result files of this run are damaged, so it is shown without its numbers: "
        "run `ann-keras run {name}` again to remake them. What is wrong:",
        "incomplete_runs": "Incomplete runs",
        "incomplete_intro": "These runs did not finish, so they have no results; their files stay in "
        "{folder} until the run is started again.",
        "started": "Started",
        "finished": "Finished",
        "command": "Command",
        "what_happened": "What happened",
        "process_gone": "process {pid} is gone (killed, or the machine restarted)",
        "process_running": "process {pid} is still running",
        "no_error": "no error was recorded",
        "all_results": "All results",
        "contents": "Contents",
        "notes_section": "Notes",
        "book_section": "Book",
        "quick": "quick run (subsets)",
        "kind_tune": "tuner search",
        "kind_bench": "benchmark",
        "variants_badge": "{count} variants",
        "seeds_badge": "{count} seeds",
        "headline": "Headline",
        "retrained": "Test report of the retrained best model",
        "headline_primary": "Numbers of the variant {variant} (seed {seed}), the experiment's primary model.",
        "headline_seed": "Numbers of seed {seed}; the comparison below has the mean and standard deviation "
        "over all seeds.",
        "test_set": "on {count} test images",
        "macro": "macro average over the classes",
        "best_val": "best val_accuracy",
        "at_epoch": "at epoch {epoch}",
        "epochs_run": "epochs run",
        "of_planned": "of {planned} planned",
        "stopped_early": "early stopping stopped at epoch {epochs}; the weights of epoch {evaluated} were "
        "restored",
        "ran_all": "ran every planned epoch",
        "wall_time": "wall time",
        "train_time": "of which training {time}",
        "params": "parameters",
        "diverged_title": "Diverged",
        "diverged": "Training diverged at epoch {epoch} (loss became NaN or infinite) with learning rate "
        "{lr}. The model's numbers are not a result.",
        "diverged_short": "diverged at epoch {epoch} (learning rate {lr})",
        "lr_default": "{optimizer}'s default",
        "learning_curves": "Learning curves",
        "learning_curves_caption": "loss and accuracy on the training data (loss, accuracy) and on the "
        "validation data (val_loss, val_accuracy) after each epoch.",
        "restored_caption": "The dashed line marks epoch {epoch}, whose weights early stopping restored and "
        "the test set evaluated.",
        "diverged_curves_caption": "The curves stop where the loss stopped being a number.",
        "comparison": "Comparison",
        "comparison_intro": "Every variant trained on the same split; mean ± standard deviation over "
        "{seeds} seeds from summary.csv; the best mean of each score is in bold.",
        "comparison_intro_one": "Every variant trained on the same split with one seed (summary.csv); the "
        "best value of each score is in bold.",
        "hardest": "The hardest class for this model: {name} (F1 {f1}, recall {recall}).",
        "comparison_curves": "Training curves of every variant: one colour per variant, one line per seed.",
        "variant": "variant",
        "seeds": "seeds",
        "every_fit": "Every model (comparison.csv)",
        "primary": "primary",
        "diverged_in": "diverged in {count} of {total} seeds",
        "search": "Hyperparameter search",
        "search_intro": "A {tuner} search: {completed} trials completed{failed}, each trained for at most "
        "{epochs} epochs and scored by its best {objective} ({direction}). The best trial was trained again "
        "from scratch and evaluated once on the test set: the sections after the search report that model.",
        "maximise": "higher is better",
        "minimise": "lower is better",
        "best_hyperparameters": "Best hyperparameters",
        "hyperparameter": "hyperparameter",
        "value": "value",
        "name": "name",
        "count": "count",
        "config_key": "config key",
        "search_space": "search space",
        "search_vs_test": "Search score (validation) {search} vs test_accuracy of the retrained model "
        "{test}.",
        "workers": "workers",
        "trials": "Trials, best first",
        "trial": "trial",
        "score": "score",
        "best_epoch": "best epoch",
        "scores_caption": "The score of each completed trial against each hyperparameter; the star is the "
        "best trial. An open triangle at an edge is a trial far outside the others, drawn there with its "
        "score written beside it.",
        "best_trial_curves": "Curves of the best trial during the search (best_trial_history.csv).",
        "trial_scores": "Score of each trial",
        "trial_scores_caption": "Each trial's best score in the order the trials were created, and the best "
        "score so far (trials.csv). An open triangle at an edge is a trial far outside the others, with its "
        "score.",
        "per_class": "Per class",
        "class": "class",
        "precision": "precision",
        "recall": "recall",
        "f1": "F1",
        "support": "support",
        "per_class_intro": "Precision: of the images predicted as the class, the share that are. Recall: of "
        "the images of the class, the share found. Support: test images of the class.",
        "confusion": "Confusion matrix",
        "confusion_counts": "Counts: rows are the true class, columns the predicted class.",
        "confusion_normalized": "Each row divided by its total: the diagonal is the recall of the class.",
        "most_confused": "Most confused pairs",
        "confused_row": "{true} taken for {predicted}",
        "times": "{count} times ({share} of the {true} test images)",
        "misclassified": "Misclassified test images",
        "misclassified_intro": "{shown} of the {wrong} misclassified test images (the first ones in test "
        "order), most confident mistakes first.",
        "test_image": "test image",
        "true_label": "true",
        "predicted_label": "predicted",
        "confidence": "confidence",
        "model": "Model",
        "layer": "layer",
        "type": "type",
        "output_shape": "output shape",
        "total_params": "Total parameters: {total} (trainable {trainable}, non-trainable {non_trainable}).",
        "extra": "What the experiment added",
        "facts": "Computed values",
        "missing_file": "{file} is missing.",
        "figure_missing": "missing: {file} ({problem})",
        "figure_failed": "cannot draw this figure from {file}: {problem}",
        "unreadable_file": "{file} cannot be read as a table.",
        "rows_shown": "The first {shown} of {total} rows; all of them are in {file}.",
        "reproduce": "Reproduce",
        "keras_code": "Keras code",
        "keras_code_intro": "This run as one standalone Keras program (model, compile, fit, evaluate, and "
        "the lines that load and split the data), written from the run's saved config by ak.keras_code. It "
        "needs only Keras, NumPy and scikit-learn: copy it into a notebook or a file and run it.",
        "keras_code_params": "The experiment's own settings (params in the config) belong to its extra "
        "steps, not to this program.",
        "keras_code_diff_intro": "The first variant, {first}, in full; every other variant as a diff against "
        "it (lines starting with - are {first}'s, lines starting with + the variant's). Each copy button "
        "copies that variant's whole program.",
        "keras_code_same": "The same program as {first}: this variant differs only in the experiment's own "
        "settings.",
        "keras_code_failed": "The Keras code could not be written from this run's config.json ({problem}).",
        "copy": "Copy",
        "copied": "Copied",
        "copy_select": "Selected: press Ctrl+C",
        "reproduce_intro": "Run this from the project folder to train the same models again:",
        "overrides": "Changed with --set",
        "provenance": "Provenance",
        "seed": "seed",
        "backend": "backend",
        "run_id": "run id",
        "versions": "versions",
        "config": "Resolved config",
        "config_intro": "Every setting the run used (config.json).",
        "files": "Files",
        "files_intro": "The result files this page was made from:",
        "newer_unfinished": "A newer run of this experiment ({started}) did not finish ({state}); this page "
        "shows the last complete run.",
        "generated": "Made by ann-keras {version} from the files in this folder. Rebuild with `ann-keras "
        "report`.",
        "none": "none",
        "yes": "yes",
        "no": "no",
        "bench_title": "Benchmark: {device} ({backend})",
        "bench_intro": "{train} training and {val} validation samples, batch {batch}, {epochs} epoch(s), "
        "{repeats} repeat(s) of each side in alternating fresh processes. Seconds per epoch include "
        "validation; the first epoch (tracing and compilation) is shown on its own and left out of the "
        "median. CPU s/epoch is the process's CPU time (all threads), which a loaded machine inflates less "
        "than wall time.",
        "bench_code": "code",
        "bench_first_epoch": "first epoch s",
        "bench_speedup": "Speed-up: {samples}x samples/s in steady epochs, {fit}x on the whole fit (first "
        "epoch included); validation accuracy {points} points.",
        "bench_timing": "Timing",
        "bench_machine": "Machine",
        "bench_textbook_device": "textbook side on",
        "bench_load": "load average (1, 5, 15 min)",
        "bench_load_values": "before {before}, after {after}, on {cpus} CPU(s)",
        "bench_files": "The numbers are in the JSON file of the same name; this page is made from it.",
        "benchmarks": "Benchmarks",
        "benchmarks_intro": "The textbook's model.fit against the package's trainer (`ann-keras bench`).",
        "benchmark": "Benchmark",
        "speedup": "speed-up (samples/s)",
        "fidelity_title": "The book's cells against this package ({backend})",
        "fidelity_intro": "Each experiment twice with seed 42, each in a fresh process: the notebook's own "
        "cells as plain Keras code (ann_keras not importable), and the package's run of the experiment. "
        "Every number side by side; identical means equal to the last digit (test accuracy at float32, "
        "the precision of Keras' metric), otherwise the difference is given (package minus book).",
        "fidelity_changes": "What differs from the notebooks: the data is read from the local files; "
        "핸즈온 10's cell, which seeds only TensorFlow, is seeded as the 혼공머신 notebooks are "
        "(keras.utils.set_random_seed(42) and op determinism) and uses the package's split.",
        "fidelity_summary": "{identical} of {total} experiment(s) with every number identical.",
        "fidelity_experiment": "{name} ({book}), trainer {trainer}: {verdict}",
        "fidelity_yes": "every number identical",
        "fidelity_no": "some numbers differ",
        "fidelity_columns": "model|number|book's code|package|verdict",
        "fidelity_settings": "Settings both sides took",
        "fidelity_identical_count": "{identical}/{total} identical",
        "summary": "Verdict",
        "no_model": "no model trained",
        "notes_match": "{agreeing} of the {checked} numbers of the notes checked here match them.",
        "notes_match_short": "{agreeing}/{checked} match the notes",
        "evaluated_restored": "the model evaluated: weights of epoch {epoch} (lowest {monitor}), restored by "
        "early stopping",
        "evaluated_last": "the model evaluated: weights after the last epoch, {epoch}",
        "best_val_elsewhere": "highest of any epoch: {value}, at epoch {epoch}",
        "search_failed": " ({failed} failed)",
        "best_trial_card": "trial {trial}, at epoch {epoch}",
        "workers_count": "{count} worker processes beside the chief",
        "one_process": "trials one after another in this process",
        "per_hour": "{rate} trials per hour",
        "search_time": "search time",
        "search_vs_test_title": "Search score and test score",
        "search_vs_test_text": "The search score {search} is the best {objective} of trial {trial} (at epoch "
        "{epoch}), the best of {trials} trials. It picked the winner, so it is optimistic: among many noisy "
        "trials the highest score is partly luck. The winning hyperparameters were trained again from "
        "scratch "
        "(seed {seed}, up to {max_epochs} epochs, {stopping}), ran {epochs} epochs, reached val_accuracy "
        "{val} and were evaluated once on the test images: test_accuracy {test}, {gap}. Only the test score "
        "estimates accuracy on new images.",
        "stopping_on": "early stopping on {monitor} with patience {patience}",
        "no_stopping": "no early stopping",
        "gap_same": "the same as the search score to four decimals",
        "gap_below": "{gap} below the search score",
        "gap_above": "{gap} above the search score",
        "what_mattered": "What mattered",
        "what_mattered_intro": "Computed from the {trials} completed trials. Importance: a random forest "
        "fitted "
        "to the trials' scores, and how much its fit worsens when one hyperparameter's values are shuffled "
        "(shares of the total){r2}. Best and worst: the mean score of the trials whose value lies in that "
        "group (n trials). {trials} trials are few, and the values were drawn together: read this as a hint "
        "for the next search, not as a measurement.",
        "forest_r2": "; the forest explains {r2} of the scores' variance (out-of-bag R²)",
        "forest_r2_low": "; but the forest predicts trials it did not see no better than their mean "
        "(out-of-bag R² {r2}), so these shares mean little",
        "importance": "importance",
        "best_values": "best values: mean score",
        "worst_values": "worst values: mean score",
        "group_score": "{values}: {score} (n={n})",
        "trials_intro": "Every trial, best first; the best trial is highlighted. The same table as a file:",
        # beyond_the_book_mlp: the ladder's figure and one section per step ({step}, {variant}, {test},
        # {test_gain}, {val}, {val_gain} filled by the experiment from its fits)
        "beyond_ladder_table_title": "The ladder: each step adds one change to the step before",
        "beyond_ladder_table_caption": (
            "Mean and std over seeds; test_gain and val_gain: the change from the step before; "
            "train_time_s_mean: training seconds per model (the refit's include its run on the split, the "
            "ensemble's all its members')."
        ),
        "beyond_ladder_title": "Test and validation accuracy per step",
        "beyond_ladder_caption": (
            "Mean ± std over the seeds of each step (tables/ladder.csv). Dashed: the books' numbers. The "
            "refit step's val_accuracy is its run on the split, which chose its epochs; the ensemble has "
            "none."
        ),
        "beyond_step_book_7_3_title": "{step}. {variant}: the book's model",
        "beyond_step_book_7_3": (
            "test {test}, val {val}. 혼공머신 7-3 as written: Dense(100, relu), Dropout(0.3), Adam and "
            "EarlyStopping(patience=2) (notes 003, Dropout and early stopping), the start of the ladder."
        ),
        "beyond_step_wide_deep_3x512_title": "{step}. {variant}: wider and deeper",
        "beyond_step_wide_deep_3x512": (
            "test {test} ({test_gain}), val {val} ({val_gain}). Three Dense(512) layers: the notes' advice "
            "for 핸즈온 10 (notes 003) is more layers, which use parameters better than one wide layer, and "
            "more neurons than needed held back by regularisation, here Dropout(0.3) after each layer."
        ),
        "beyond_step_adamw_1e_4_title": "{step}. {variant}: AdamW",
        "beyond_step_adamw_1e_4": (
            "test {test} ({test_gain}), val {val} ({val_gain}). Weight decay shrinks every weight a little "
            "at each update, the weight penalty the notes list against overfitting (notes 000, L1 / L2); "
            "AdamW applies it apart from Adam's per-weight step sizes (notes 004, optimizers), so every "
            "weight decays at the same rate."
        ),
        "beyond_step_warmup_cosine_40_title": "{step}. {variant}: warm-up, cosine decay, batch 128",
        "beyond_step_warmup_cosine_40": (
            "test {test} ({test_gain}), val {val} ({val_gain}). The learning rate climbs from 0 over the "
            "first 2% of the updates, the warm-up the notes name for unstable early updates (notes 003, "
            "batch size), then falls along a cosine to 0 over 40 epochs, so the last epochs take small "
            "steps into a minimum instead of bouncing around it at a fixed rate (notes 003, learning "
            "rate). Batches of 128 use the processor better, and the warm-up keeps the larger batch stable "
            "(notes 003, batch size). The schedule fixes the length, so early stopping is off from here."
        ),
        "beyond_step_label_smoothing_0_1_title": "{step}. {variant}: label smoothing",
        "beyond_step_label_smoothing_0_1": (
            "test {test} ({test_gain}), val {val} ({val_gain}). Cross-entropy against one-hot targets "
            "(notes 000) rewards ever more confident softmax outputs; targets of 0.91 and 0.01 stop that "
            "push, a regulariser on the outputs as weight decay is on the weights."
        ),
        "beyond_step_refit_60000_title": "{step}. {variant}: refit on all 60,000",
        "beyond_step_refit_60000": (
            "test {test} ({test_gain}); val {val} is the run on the split that chose the epochs. Once "
            "validation has chosen everything, its 12,000 images become training data: 25% more examples, "
            "the plainest remedy for overfitting (notes 000), and 핸즈온 10.3's protocol for the best "
            "model of its search."
        ),
        "beyond_step_ensemble_title": "{step}. {variant}: an ensemble (mean of probabilities)",
        "beyond_step_ensemble": (
            "test {test} ({test_gain}). Not a trained model: the mean of the softmax outputs of the previous "
            "step's seed models, one test score. Models trained from different seeds make partly different "
            "mistakes, and averaging cancels part of them: what Dropout does inside one network, which the "
            "notes call an ensemble (notes 004)."
        ),
    },
    "ko": {
        "results": "실험 결과",
        "index_intro": (
            "{folder}의 실험마다 한 줄입니다. 저장된 결과 파일로 만들었습니다. 줄을 열면 전체 보고서가 "
            "나옵니다."
        ),
        "no_results": (
            "아직 결과가 없습니다. `ann-keras run NAME`으로 실험을 실행하세요 (`ann-keras list` 참고)."
        ),
        "experiment": "실험",
        "mirrors": "해당 부분",
        "ran": "실행 시각",
        "device": "장치",
        "status": "상태",
        "epochs": "에포크",
        "complete": "완료",
        "running": "실행 중",
        "killed": "끝나기 전에 멈춤",
        "failed": "실패",
        "interrupted": "중단됨",
        "unknown": "끝나지 않음",
        "damaged": "손상됨",
        "damaged_intro": "이 실행의 결과 파일이 손상되어 숫자 없이 보여 줍니다. `ann-keras run {name}`으로 "
        "다시 만드세요. 문제:",
        "incomplete_runs": "끝나지 않은 실행",
        "incomplete_intro": (
            "아래 실행은 끝나지 않았으므로 결과가 없습니다. 다시 실행할 때까지 파일은 {folder}에 남아 "
            "있습니다."
        ),
        "started": "시작",
        "finished": "종료",
        "command": "명령",
        "what_happened": "무슨 일이 있었나",
        "process_gone": "프로세스 {pid}가 없습니다 (강제 종료되었거나 컴퓨터가 다시 시작됨)",
        "process_running": "프로세스 {pid}가 아직 실행 중입니다",
        "no_error": "기록된 오류가 없습니다",
        "all_results": "전체 결과",
        "contents": "목차",
        "notes_section": "노트",
        "book_section": "책",
        "quick": "빠른 실행 (일부 데이터)",
        "kind_tune": "하이퍼파라미터 탐색",
        "kind_bench": "벤치마크",
        "variants_badge": "변형 {count}개",
        "seeds_badge": "시드 {count}개",
        "headline": "핵심 결과",
        "retrained": "다시 훈련한 최고 모델의 테스트 결과",
        "headline_primary": "변형 {variant} (시드 {seed}), 이 실험의 대표 모델의 수치입니다.",
        "headline_seed": "시드 {seed}의 수치입니다. 모든 시드의 평균과 표준편차는 아래 비교에 있습니다.",
        "test_set": "테스트 이미지 {count}개 기준",
        "macro": "클래스별 값의 평균 (macro)",
        "best_val": "가장 높은 val_accuracy",
        "at_epoch": "{epoch}번째 에포크",
        "epochs_run": "실행한 에포크",
        "of_planned": "계획 {planned} 에포크 중",
        "stopped_early": "조기 종료가 {epochs}번째 에포크에서 멈추고 {evaluated}번째 에포크의 가중치를 "
        "복원했습니다",
        "ran_all": "계획한 에포크를 모두 실행했습니다",
        "wall_time": "걸린 시간",
        "train_time": "그중 훈련 {time}",
        "params": "파라미터",
        "diverged_title": "발산",
        "diverged": (
            "학습률 {lr}에서 {epoch}번째 에포크에 훈련이 발산했습니다 (손실이 NaN이나 무한대가 됨). "
            "이 모델의 "
            "수치는 결과가 아닙니다."
        ),
        "diverged_short": "{epoch}번째 에포크에서 발산 (학습률 {lr})",
        "lr_default": "{optimizer}의 기본값",
        "learning_curves": "학습 곡선",
        "learning_curves_caption": (
            "에포크마다 훈련 데이터(loss, accuracy)와 검증 데이터(val_loss, val_accuracy)에서 잰 손실과 "
            "정확도입니다."
        ),
        "restored_caption": "점선은 조기 종료가 가중치를 복원하고 테스트 세트로 평가한 {epoch}번째 "
        "에포크입니다.",
        "diverged_curves_caption": "손실이 숫자가 아니게 된 곳에서 곡선이 끊깁니다.",
        "comparison": "비교",
        "comparison_intro": (
            "모든 변형을 같은 분할로 훈련했습니다. summary.csv의 시드 {seeds}개에 대한 평균 ± 표준편차이며, "
            "점수마다 가장 좋은 평균은 "
            "굵게 표시합니다."
        ),
        "comparison_intro_one": (
            "모든 변형을 같은 분할과 시드 하나로 훈련했습니다 (summary.csv). 점수마다 가장 좋은 값은 굵게 "
            "표시합니다."
        ),
        "hardest": "이 모델이 가장 어려워한 클래스: {name} (F1 {f1}, 재현율 {recall}).",
        "comparison_curves": "모든 변형의 학습 곡선: 변형마다 한 색, 시드마다 한 선입니다.",
        "variant": "변형",
        "seeds": "시드 수",
        "every_fit": "모든 모델 (comparison.csv)",
        "primary": "대표",
        "diverged_in": "시드 {total}개 중 {count}개에서 발산",
        "search": "하이퍼파라미터 탐색",
        "search_intro": (
            "{tuner} 튜너로 탐색했습니다. 시도 {completed}번을 완료했고{failed}, 시도마다 최대 {epochs} "
            "에포크를 훈련해 가장 좋은 {objective}로 점수를 매겼습니다 ({direction}). 가장 좋은 시도를 "
            "처음부터 다시 훈련해 테스트 세트로 한 번 평가했으며, 탐색 다음의 절들은 그 모델의 결과입니다."
        ),
        "maximise": "클수록 좋음",
        "minimise": "작을수록 좋음",
        "best_hyperparameters": "가장 좋은 하이퍼파라미터",
        "hyperparameter": "하이퍼파라미터",
        "value": "값",
        "name": "이름",
        "count": "횟수",
        "config_key": "설정 키",
        "search_space": "탐색 공간",
        "search_vs_test": "탐색 점수(검증) {search}, 다시 훈련한 모델의 test_accuracy {test}.",
        "workers": "작업자 수",
        "trials": "시도 (좋은 순서)",
        "trial": "시도",
        "score": "점수",
        "best_epoch": "최고 에포크",
        "scores_caption": "완료된 시도마다 하이퍼파라미터 값과 점수입니다. 별은 가장 좋은 시도입니다. "
        "가장자리의 빈 "
        "삼각형은 다른 시도들과 동떨어진 시도로, 그 자리에 그리고 점수를 옆에 적었습니다.",
        "best_trial_curves": "탐색 중 가장 좋은 시도의 학습 곡선 (best_trial_history.csv)입니다.",
        "trial_scores": "시도별 점수",
        "trial_scores_caption": (
            "만들어진 순서대로 각 시도의 가장 좋은 점수와 그때까지의 최고 점수입니다 (trials.csv). "
            "가장자리의 빈 삼각형은 다른 시도들과 동떨어진 시도와 그 점수입니다."
        ),
        "per_class": "클래스별 성능",
        "class": "클래스",
        "precision": "정밀도",
        "recall": "재현율",
        "f1": "F1",
        "support": "샘플 수",
        "per_class_intro": (
            "정밀도: 그 클래스로 예측한 이미지 중 실제로 그 클래스인 비율. 재현율: 그 클래스 이미지 중 "
            "찾아낸 비율. 샘플 수: 그 클래스의 테스트 "
            "이미지 수."
        ),
        "confusion": "오차 행렬",
        "confusion_counts": "개수: 행은 실제 클래스, 열은 예측한 클래스입니다.",
        "confusion_normalized": "각 행을 행의 합으로 나눈 값: 대각선이 클래스별 재현율입니다.",
        "most_confused": "가장 많이 헷갈린 쌍",
        "confused_row": "{true}를 {predicted}로 예측",
        "times": "{count}번 ({true} 테스트 이미지의 {share})",
        "misclassified": "잘못 분류한 테스트 이미지",
        "misclassified_intro": (
            "잘못 분류한 테스트 이미지 {wrong}개 중 {shown}개 (테스트 순서로 앞쪽), 확신이 큰 실수부터 보여 "
            "줍니다."
        ),
        "test_image": "테스트 이미지",
        "true_label": "정답",
        "predicted_label": "예측",
        "confidence": "확신",
        "model": "모델 구조",
        "layer": "층",
        "type": "종류",
        "output_shape": "출력 크기",
        "total_params": (
            "전체 파라미터: {total}개 (훈련되는 파라미터 {trainable}, 훈련되지 않는 파라미터 "
            "{non_trainable})."
        ),
        "extra": "실험이 더한 내용",
        "facts": "계산한 값",
        "missing_file": "{file} 파일이 없습니다.",
        "figure_missing": "없음: {file} ({problem})",
        "figure_failed": "{file}로 이 그림을 그릴 수 없습니다: {problem}",
        "unreadable_file": "{file} 파일을 표로 읽을 수 없습니다.",
        "rows_shown": "{total}행 중 처음 {shown}행입니다. 전체는 {file}에 있습니다.",
        "reproduce": "재현하기",
        "keras_code": "케라스 코드",
        "keras_code_intro": "이 실행을 케라스만으로 쓴 독립 프로그램입니다 (데이터를 읽고 나누는 줄, 모델, "
        "compile, fit, evaluate). 저장된 설정으로 ak.keras_code가 만들었습니다. Keras, NumPy, scikit-learn만 "
        "있으면 되니 노트북이나 파일에 붙여 넣고 실행해 보세요.",
        "keras_code_params": "설정의 params는 이 실험이 따로 하는 단계의 값이라 이 프로그램에는 들어 있지 "
        "않습니다.",
        "keras_code_diff_intro": (
            "첫 번째 변형({first})은 전체를, 나머지 변형은 그것과 달라진 줄만 diff로 보여 줍니다 (-로 "
            "시작하는 줄은 첫 번째 변형({first}), +로 시작하는 줄은 그 변형의 코드). 복사 버튼은 그 변형의 "
            "프로그램 전체를 복사합니다."
        ),
        "keras_code_same": (
            "첫 번째 변형({first})과 같은 프로그램입니다. 이 변형은 실험이 따로 하는 단계의 설정만 다릅니다."
        ),
        "keras_code_failed": "이 실행의 config.json으로 케라스 코드를 만들지 못했습니다 ({problem}).",
        "copy": "복사",
        "copied": "복사됨",
        "copy_select": "선택됨: Ctrl+C를 누르세요",
        "reproduce_intro": "프로젝트 폴더에서 다음 명령을 실행하면 같은 모델을 다시 훈련합니다:",
        "overrides": "--set으로 바꾼 설정",
        "provenance": "실행 정보",
        "seed": "시드",
        "backend": "백엔드",
        "run_id": "실행 ID",
        "versions": "버전",
        "config": "최종 설정",
        "config_intro": "이 실행이 사용한 모든 설정 (config.json)입니다.",
        "files": "파일",
        "files_intro": "이 페이지를 만든 결과 파일:",
        "newer_unfinished": (
            "이 실험의 더 최근 실행({started})이 끝나지 않았습니다 ({state}). 이 페이지는 마지막으로 완료된 "
            "실행을 보여 줍니다."
        ),
        "generated": (
            "ann-keras {version}이 이 폴더의 파일로 만들었습니다. `ann-keras report`로 다시 만들 수 있습니다."
        ),
        "none": "없음",
        "yes": "예",
        "no": "아니요",
        "bench_title": "벤치마크: {device} ({backend})",
        "bench_intro": (
            "훈련 샘플 {train}개, 검증 샘플 {val}개, 배치 {batch}, {epochs} 에포크, 양쪽을 번갈아 "
            "새 프로세스에서 {repeats}번씩 실행했습니다. 에포크당 시간에는 검증이 들어 있습니다. 첫 "
            "에포크(트레이싱과 컴파일)는 따로 보여 주고 중앙값에서 뺐습니다. CPU s/epoch는 프로세스의 "
            "CPU 시간(모든 스레드)으로, 바쁜 컴퓨터에서 실제 시간보다 덜 부풀려집니다."
        ),
        "bench_code": "코드",
        "bench_first_epoch": "첫 에포크 초",
        "bench_speedup": (
            "속도 향상: 안정된 에포크에서 samples/s {samples}배, 첫 에포크를 포함한 전체 fit {fit}배, 검증 "
            "정확도 {points} 포인트."
        ),
        "bench_timing": "시간",
        "bench_machine": "컴퓨터",
        "bench_textbook_device": "교과서 쪽 장치",
        "bench_load": "부하 평균 (1, 5, 15분)",
        "bench_load_values": "전 {before}, 후 {after}, CPU {cpus}개",
        "bench_files": "수치는 이름이 같은 JSON 파일에 있고, 이 페이지는 그 파일로 만들었습니다.",
        "benchmarks": "벤치마크",
        "benchmarks_intro": "교과서의 model.fit과 이 패키지의 트레이너 비교 (`ann-keras bench`).",
        "benchmark": "벤치마크",
        "speedup": "속도 향상 (samples/s)",
        "fidelity_title": "책의 코드와 이 패키지 비교 ({backend})",
        "fidelity_intro": "실험마다 시드 42로 두 번, 각각 새 프로세스에서 돌렸습니다. "
        "하나는 노트북 셀을 그대로 옮긴 케라스 코드(ann_keras를 불러올 수 없는 환경), "
        "하나는 이 패키지의 실험입니다. 모든 수치를 나란히 놓았습니다. "
        "identical은 마지막 자리까지 같다는 뜻이고(테스트 정확도는 케라스 지표의 정밀도인 "
        "float32로 비교), 다르면 그 차이(패키지 빼기 책)를 적었습니다.",
        "fidelity_changes": "노트북과 다른 점: 데이터를 로컬 파일에서 읽습니다. "
        "텐서플로 시드만 정하는 핸즈온 10의 셀은 혼공머신 노트북처럼 시드를 정하고"
        "(keras.utils.set_random_seed(42)와 연산 결정성) 패키지의 분할을 씁니다.",
        "fidelity_summary": "실험 {total}개 중 {identical}개는 모든 수치가 같습니다.",
        "fidelity_experiment": "{name} ({book}), 트레이너 {trainer}: {verdict}",
        "fidelity_yes": "모든 수치가 같음",
        "fidelity_no": "다른 수치가 있음",
        "fidelity_columns": "모델|수치|책의 코드|패키지|판정",
        "fidelity_settings": "양쪽에 똑같이 준 설정",
        "fidelity_identical_count": "{identical}/{total} 같음",
        "summary": "판정",
        "no_model": "훈련한 모델 없음",
        "notes_match": "여기서 확인한 노트의 수치 {checked}개 중 {agreeing}개가 노트와 일치합니다.",
        "notes_match_short": "노트와 {agreeing}/{checked} 일치",
        "evaluated_restored": "평가한 모델: {monitor}가 가장 낮았던 {epoch}번째 에포크의 가중치 (조기 종료가 "
        "복원)",
        "evaluated_last": "평가한 모델: 마지막 {epoch}번째 에포크 뒤의 가중치",
        "best_val_elsewhere": "에포크 중 최고: {epoch}번째 에포크의 {value}",
        "search_failed": " (실패 {failed}번)",
        "best_trial_card": "시도 {trial}, {epoch}번째 에포크",
        "workers_count": "치프 옆의 작업자 프로세스 {count}개",
        "one_process": "이 프로세스에서 시도를 하나씩 차례로 실행",
        "per_hour": "시간당 시도 {rate}번",
        "search_time": "탐색 시간",
        "search_vs_test_title": "탐색 점수와 테스트 점수",
        "search_vs_test_text": "탐색 점수 {search}는 시도 {trials}번 중 가장 좋은 시도 {trial}의 최고 "
        "{objective}입니다 ({epoch}번째 에포크). 이 점수로 최고 시도를 골랐으므로 낙관적입니다. 잡음이 있는 "
        "여러 시도 중 가장 높은 점수에는 운도 섞여 있습니다. 가장 좋은 하이퍼파라미터로 처음부터 다시 "
        "훈련했고 (시드 {seed}, 최대 {max_epochs} 에포크, {stopping}), {epochs} 에포크를 실행해 val_accuracy "
        "{val}에 이르렀으며, 테스트 이미지로 한 번 평가해 test_accuracy {test}를 얻었습니다 ({gap}). 새 "
        "이미지에서의 정확도는 테스트 점수로만 추정합니다.",
        "stopping_on": "{monitor} 기준 조기 종료, patience {patience}",
        "no_stopping": "조기 종료 없음",
        "gap_same": "소수 넷째 자리까지 탐색 점수와 같음",
        "gap_below": "탐색 점수보다 {gap} 낮음",
        "gap_above": "탐색 점수보다 {gap} 높음",
        "what_mattered": "무엇이 점수를 좌우했나",
        "what_mattered_intro": "완료된 시도 {trials}번으로 계산했습니다. 중요도: 시도들의 점수에 랜덤 "
        "포레스트를 맞추고, 하이퍼파라미터 하나의 값을 뒤섞었을 때 예측이 얼마나 나빠지는지 잰 값입니다 "
        "(전체에 대한 비율){r2}. 최고와 최저: 값이 그 구간에 있는 시도들의 평균 점수입니다 (n은 시도 수). "
        "시도 {trials}번은 적고 값들이 함께 뽑혔으므로, 측정값이 아니라 다음 탐색을 위한 힌트로 읽으세요.",
        "forest_r2": ". 이 포레스트는 점수 분산의 {r2}을 설명합니다 (OOB R²)",
        "forest_r2_low": ". 하지만 이 포레스트는 보지 못한 시도를 평균보다 잘 예측하지 못하므로 "
        "(OOB R² {r2}) 이 "
        "비율은 큰 의미가 없습니다",
        "importance": "중요도",
        "best_values": "가장 좋은 값: 평균 점수",
        "worst_values": "가장 나쁜 값: 평균 점수",
        "group_score": "{values}: {score} (n={n})",
        "trials_intro": "모든 시도를 좋은 순서로 보여 주며, 가장 좋은 시도는 강조했습니다. 같은 표의 파일:",
        "beyond_ladder_table_title": "사다리: 단계마다 앞 단계에 변화 하나를 더합니다",
        "beyond_ladder_table_caption": (
            "시드들에 대한 평균과 표준편차입니다. test_gain과 val_gain은 앞 단계와의 차이이고, "
            "train_time_s_mean은 모델 하나의 훈련 시간(초)입니다 (refit은 분할 위의 실행 시간을 포함하고, "
            "앙상블은 구성 모델 모두의 시간을 더한 값입니다)."
        ),
        "beyond_ladder_title": "단계별 테스트·검증 정확도",
        "beyond_ladder_caption": (
            "각 단계의 시드들에 대한 평균 ± 표준편차입니다 (tables/ladder.csv). 점선은 책의 수치입니다. "
            "refit 단계의 val_accuracy는 에포크 수를 정한 분할 위의 실행 값이고, 앙상블에는 검증 점수가 "
            "없습니다."
        ),
        "beyond_step_book_7_3_title": "{step}. {variant}: 책의 모델",
        "beyond_step_book_7_3": (
            "test {test}, val {val}. 혼공머신 7-3 그대로입니다: Dense(100, relu), Dropout(0.3), Adam, "
            "EarlyStopping(patience=2) (노트 003, 드롭아웃과 조기 종료). 사다리는 여기서 시작합니다."
        ),
        "beyond_step_wide_deep_3x512_title": "{step}. {variant}: 더 넓고 깊게",
        "beyond_step_wide_deep_3x512": (
            "test {test} ({test_gain}), val {val} ({val_gain}). Dense(512) 층 세 개입니다. 노트의 핸즈온 10 "
            "부분(노트 003)에 따르면 층을 늘리는 편이 넓은 층 하나보다 파라미터를 효율적으로 쓰고, 뉴런은 "
            "필요보다 넉넉히 두고 규제로 눌러 주면 됩니다. 여기서는 층마다 Dropout(0.3)이 그 규제입니다."
        ),
        "beyond_step_adamw_1e_4_title": "{step}. {variant}: AdamW",
        "beyond_step_adamw_1e_4": (
            "test {test} ({test_gain}), val {val} ({val_gain}). 가중치 감쇠는 업데이트마다 모든 가중치를 "
            "조금씩 줄입니다. 노트가 과대적합 대책으로 든 가중치 규제(노트 000, L1 / L2)와 같은 역할이고, "
            "AdamW는 이를 Adam의 가중치별 보폭(노트 004, 옵티마이저)과 따로 적용해서 모든 가중치가 같은 "
            "비율로 줄어듭니다."
        ),
        "beyond_step_warmup_cosine_40_title": "{step}. {variant}: 웜업, 코사인 감쇠, 배치 128",
        "beyond_step_warmup_cosine_40": (
            "test {test} ({test_gain}), val {val} ({val_gain}). 학습률을 처음 2%의 업데이트 동안 0에서 "
            "올립니다. 노트가 초반의 불안정한 업데이트에 쓰라고 한 웜업입니다(노트 003, 배치 크기). 그다음 "
            "40 에포크에 걸쳐 코사인 곡선을 따라 0까지 내리므로, 마지막 에포크들은 고정된 학습률로 최솟값 "
            "주위를 맴도는 대신 작은 보폭으로 최솟값에 들어갑니다(노트 003, 학습률). 배치 128은 프로세서를 "
            "더 잘 쓰고, 웜업이 큰 배치를 안정적으로 만들어 줍니다(노트 003, 배치 크기). 스케줄이 훈련 "
            "길이를 정하므로 이 단계부터는 조기 종료를 쓰지 않습니다."
        ),
        "beyond_step_label_smoothing_0_1_title": "{step}. {variant}: 레이블 스무딩",
        "beyond_step_label_smoothing_0_1": (
            "test {test} ({test_gain}), val {val} ({val_gain}). 원-핫 타깃에 대한 크로스 엔트로피(노트 "
            "000)는 소프트맥스 출력이 점점 더 확신하도록 밀어붙입니다. 타깃을 0.91과 0.01로 바꾸면 그 "
            "압력이 멈춥니다. 가중치 감쇠가 가중치에 거는 규제를 출력에 거는 셈입니다."
        ),
        "beyond_step_refit_60000_title": "{step}. {variant}: 60,000개 전체로 다시 훈련",
        "beyond_step_refit_60000": (
            "test {test} ({test_gain}). val {val}은 에포크 수를 정한 분할 위의 실행 값입니다. 검증 세트로 "
            "모든 것을 정하고 나면 그 12,000개도 훈련 데이터가 됩니다. 샘플이 25% 늘어나는 것은 과대적합의 "
            "가장 단순한 처방이고(노트 000), 핸즈온 10.3이 탐색으로 찾은 최고 모델에 쓰는 방법입니다."
        ),
        "beyond_step_ensemble_title": "{step}. {variant}: 앙상블 (확률의 평균)",
        "beyond_step_ensemble": (
            "test {test} ({test_gain}). 훈련한 모델이 아니라 앞 단계의 시드별 모델들이 낸 소프트맥스 출력의 "
            "평균이고, 테스트 점수는 하나입니다. 시드가 다른 모델들은 서로 조금씩 다른 것을 틀리므로 평균을 "
            "내면 그 일부가 상쇄됩니다. 노트가 앙상블이라고 부른 드롭아웃(노트 004)이 네트워크 하나 안에서 "
            "하는 일을 모델 여러 개로 하는 셈입니다."
        ),
    },
}

# Kept runs and comparisons (report/runs_page.py, report/compare.py).
RUNS_TEXT = {
    "en": {
        "runs": "Runs",
        "run": "Run",
        "runs_badge": "{count} runs",
        "run_badge": "run {name}",
        "runs_intro": "{count} run(s) of this experiment with changed settings, each kept in its own folder "
        "(runs/<name>/) beside this result, which is the experiment's declared config.",
        "runs_compare": "Compare this result and its runs side by side",
        "run_of": "Run {name} of",
        "run_changed": "Changed",
        "run_declared": "The experiment as declared (this run changed what is listed above):",
        "run_no_changes": "nothing (the declared config, under its own name)",
        "runs_only": "Runs of experiments without a result of their own",
        "runs_only_intro": "These experiments have only runs with changed settings so far; `ann-keras run "
        "NAME` without --set makes their own result.",
        "compare_title": "Comparison: {names}",
        "compare_of": "Compared",
        "compare_intro": "The settings that differ, then the numbers side by side; each difference (Δ) is "
        "against the first, {first}.",
        "compare_settings": "Settings that differ",
        "compare_same_settings": "The configs are the same in every key.",
        "compare_metrics": "Metrics",
        "compare_metrics_intro": "Test metrics are of the model tested once on the test set; Δ is the "
        "difference from {first}. With several seeds: mean ± standard deviation over the seeds.",
        "compare_curves_caption": "Training and validation loss and accuracy per epoch, one colour per "
        "result (thinner lines: further seeds).",
        "compare_f1": "Per-class F1",
        "compare_confusion": "Confusion matrices: the difference",
        "compare_confusion_intro": "Test images counted in each cell by the second result minus those by "
        "the first: on the diagonal a positive number is more images right, off it more images wrong.",
        "compare_generated": "Made by ann-keras {version} on {created} from the result files it links to.",
    },
    "ko": {
        "runs": "실행 기록",
        "run": "실행",
        "runs_badge": "실행 {count}개",
        "run_badge": "실행 {name}",
        "runs_intro": "설정을 바꿔 돌린 이 실험의 실행 {count}개입니다. 각각 이 결과 옆 자기 폴더"
        "(runs/<name>/)에 따로 저장됩니다. 이 결과는 실험에 선언된 설정 그대로입니다.",
        "runs_compare": "이 결과와 실행들을 나란히 비교하기",
        "run_of": "실행 {name}:",
        "run_changed": "바꾼 설정",
        "run_declared": "실험에 선언된 원래 설정 (이 실행은 위에 적힌 설정을 바꿨습니다):",
        "run_no_changes": "없음 (선언된 설정을 다른 이름으로 실행)",
        "runs_only": "자기 결과가 아직 없는 실험의 실행",
        "runs_only_intro": "이 실험들은 아직 설정을 바꾼 실행만 있습니다. --set 없이 `ann-keras run NAME`을 "
        "실행하면 실험 자체의 결과가 만들어집니다.",
        "compare_title": "비교: {names}",
        "compare_of": "비교 대상",
        "compare_intro": "먼저 서로 다른 설정을 보여 주고, 이어서 수치를 나란히 놓습니다. 차이(Δ)는 모두 첫 "
        "번째 결과 {first}와 비교한 값입니다.",
        "compare_settings": "다른 설정",
        "compare_same_settings": "모든 설정이 같습니다.",
        "compare_metrics": "지표",
        "compare_metrics_intro": "테스트 지표는 테스트 세트로 한 번 평가한 모델의 값이고, Δ는 {first}와의 "
        "차이입니다. 시드가 여러 개면 시드들의 평균 ± 표준편차입니다.",
        "compare_curves_caption": "에포크마다 훈련과 검증의 손실, 정확도입니다. 결과마다 색이 다르고, 가는 "
        "선은 나머지 시드입니다.",
        "compare_f1": "클래스별 F1",
        "compare_confusion": "오차 행렬의 차이",
        "compare_confusion_intro": "칸마다 두 번째 결과의 테스트 이미지 수에서 첫 번째 결과의 수를 뺐습니다. "
        "대각선에서 양수면 더 많이 맞혔다는 뜻이고, 대각선 밖에서 양수면 더 많이 틀렸다는 뜻입니다.",
        "compare_generated": "ann-keras {version}이 {created}에 링크된 결과 파일로 만들었습니다.",
    },
}
for _lang in LANGUAGES:
    TEXT[_lang].update(RUNS_TEXT[_lang])


# What experiments declare in English (their TITLE and DESCRIPTION, the titles and captions of their
# tables and figures), in the other languages: by experiment name for titles and descriptions, by the
# English text for everything else. A text not listed is shown as the experiment wrote it.
EXPERIMENTS: dict[str, dict[str, dict[str, str]]] = {
    "ko": {
        "perceptron_logic_gates": {
            "title": "퍼셉트론으로 만든 논리 게이트와, 세 개로 만든 XOR",
            "description": "퍼셉트론은 w1*x1 + w2*x2 + b > 0일 때 1을 "
            "출력합니다. 노트 001은 AND (0.5, 0.5, b "
            "-0.7), NAND (-0.5, -0.5, b 0.7), OR (0.6, "
            "0.6, b -0.5)를, 노트 004는 같은 유닛을 "
            "임계값 theta로 써서 AND (0.5, 0.5, theta "
            "0.7), NAND (-0.5, -0.5, theta -0.7), OR "
            "(0.5, 0.5, theta 0.2)를 줍니다. 두 가중치 "
            "모두 진리표를 계산하며, 게이트마다 입력 "
            "사각형을 가로지르는 직선 하나입니다. "
            "XOR은 선형으로 분리되지 않습니다. "
            "직선들을 격자로 훑어도 네 입력을 모두 "
            "맞히는 직선은 없지만 (가장 좋은 직선은 "
            "노트 004의 -0.5 + x1 + x2 = 0처럼 4개 중 "
            "3개), 은닉층 하나면 풀립니다: XOR = "
            "AND(NAND(x), OR(x)). NumPy만 쓰며 1초 "
            "안에 끝납니다.",
        },
        "perceptron_learning_rule": {
            "title": "퍼셉트론 학습 규칙: AND는 배우고 XOR은 끝내 못 배운다",
            "description": "노트의 퍼셉트론: t > 1e-7일 때만 1을 내는 "
            "계단 함수 (부동소수점 오차를 막는 장치), "
            "0에서 시작하는 가중치와 절편, 학습률 0.2, "
            "50 에포크, (0,0), (0,1), (1,0), (1,1) "
            "순서로 샘플 하나씩. AND에서는 노트가 "
            "출력한 대로 가중치 [0.4, 0.2], 절편 "
            "-0.4로 끝나 0, 0, 0, 1을 예측해야 합니다. "
            "같은 규칙으로 OR과 NAND도 오류 0에 "
            "이르지만, XOR에는 찾을 직선이 없어서 매 "
            "에포크마다 틀린 예측이 있고 가중치가 "
            "맴돕니다. NumPy만 쓰며 1초 안에 끝납니다.",
        },
        "xor_single_layer": {
            "title": "층 하나로는 XOR을 배울 수 없다",
            "description": "노트의 PyTorch 실행을 Keras로: XOR의 네 "
            "입력에 Dense(1, sigmoid), 이진 "
            "크로스엔트로피, 학습률 1의 SGD, 스텝마다 "
            "네 샘플 전부, 10,001 스텝 (노트는 에포크 "
            "0부터 10,000이라고 부름). 어디서 시작하든 "
            "비용은 몇백 스텝 안에 ln 2 = 0.6931로 "
            "떨어진 뒤 그대로 머뭅니다. "
            "크로스엔트로피에서 직선 하나가 할 수 있는 "
            "최선은 w = 0, b = 0으로 모든 입력에 0.5를 "
            "내는 것입니다. 가중치는 float32 반올림 "
            "오차 수준에서 0이 되므로 출력은 0.5를 "
            "float32 한 칸(6e-8) 차이로 오르내립니다. "
            "노트의 정확도 (예측 = 출력 > 0.5)는 그 "
            "반올림 잡음이 결과를 정하지 않도록 소수 "
            "6자리로 반올림한 출력으로 계산하고, "
            "반올림하지 않은 float32 출력의 정확도도 "
            "옆에 보여 줍니다. 실행당 100 스텝을 묶은 "
            "학습 한 번: 몇 초.",
        },
        "xor_mlp_backprop": {
            "title": "2-2-1 MLP와 손으로 쓴 역전파로 푸는 XOR",
            "description": "노트의 MLP_fit: 입력 2개, 시그모이드 은닉 "
            "유닛 2개, 시그모이드 출력 1개, [-0.1, "
            "0.1] 균등분포의 가중치와 절편, 학습률 "
            "0.2, 샘플마다 갱신하는 10,000 에포크, "
            "델타를 직접 계산 (출력 델타 = (출력 - "
            "타깃) * o(1 - o), 은닉 델타 = 출력 델타 . "
            "W2^T * h(1 - h)). 이는 1/2 (출력 - "
            "타깃)^2에 대한 경사 하강법입니다. 노트는 "
            "(0,0) (0,1) (1,0) (1,1)에 대해 출력 0.04 "
            "/ 0.95 / 0.95 / 0.06을 보여 줍니다. "
            "여기서는 운 좋은 시작 하나가 아니라 늘 이 "
            "값에 이른다는 것을 보이려고 여러 시드로 "
            "훈련합니다. 델타는 같은 가중치에서 유한 "
            "차분과 tf.GradientTape로 확인하고, 같은 "
            "시작 가중치로 Keras (SGD, 배치 크기 1)도 "
            "훈련하면 손으로 쓴 궤적을 그대로 "
            "따라갑니다. NumPy로 시드당 3-5초 (시드 "
            "5개), Keras로 5-10초 (실행당 4,000 스텝을 "
            "묶은 학습 한 번).",
        },
        "backprop_worked_example": {
            "title": "역전파 손 계산 예제: 손으로, 그리고 GradientTape로",
            "description": "입력 x1 = 0.1, x2 = 0.2, 시그모이드 은닉 "
            "유닛 2개, 시그모이드 출력 2개, 절편 없음, "
            "타깃 0.4와 0.6에 대한 E = sum 1/2 (타깃 - "
            "출력)^2, 가중치 W1..W8 = 0.3, 0.25, 0.4, "
            "0.35, 0.45, 0.4, 0.7, 0.6, 학습률 0.5. "
            "모든 순전파 값, 모든 그래디언트, 갱신된 "
            "모든 가중치를 한 번은 노트처럼 연쇄 "
            "법칙을 풀어 써서 (float64 NumPy), 한 번은 "
            "float64 Keras 신경망의 tf.GradientTape와 "
            "Keras SGD 한 스텝으로 계산해 노트가 보여 "
            "주는 수치와 나란히 놓습니다. 여덟 "
            "가중치를 모두 갱신하면 E_total이 "
            "0.02397190에서 0.02323634로 줄어듭니다. "
            "이어서 노트 004의 연쇄 법칙을 w = -2, x = "
            "5, b = 3에서 f = wx + b에 적용합니다. "
            "TensorFlow 백엔드가 필요하며 1초 안에 "
            "끝납니다.",
        },
        "loss_functions": {
            "title": "손실 함수: 노트의 예제, 그리고 MSE 대 크로스엔트로피",
            "description": "먼저 노트의 계산: p = (1, 0, 0), q = "
            "(0.7, 0.2, 0.1)의 H(p, q)는 -ln 0.7 = "
            "0.35667입니다. 고양이 / 자동차 / 개구리 "
            "점수의 다중 클래스 SVM 힌지 손실은 "
            "이미지별로 2.9, 0, 12.9이고 평균 "
            "5.27입니다. 고양이 이미지 점수의 "
            "소프트맥스는 확률 0.13 / 0.87 / 0.00을 "
            "주고 손실 -log(0.13)은 자연로그로 "
            "(Keras와 이 패키지가 쓰는 밑) 2.04, "
            "상용로그로 0.89이며 노트의 그림은 후자를 "
            "보여 줍니다. 이어서 분류에서 MSE는 느리게 "
            "수렴한다는 노트의 주장: 같은 모델 "
            "(Flatten, Dense(100, relu), Dense(10, "
            "softmax))을 소프트맥스 출력에 평균 제곱 "
            "오차를 써서, 그리고 크로스엔트로피로 5 "
            "에포크 훈련합니다. 한 번은 일반 SGD "
            "(학습률 0.01, 주장이 말하는 설정), 한 "
            "번은 가중치마다 스텝 크기를 조절해 MSE의 "
            "작은 그래디언트를 대부분 되돌리는 "
            "RMSprop로. 전체 데이터로 모델 4개: 조용한 "
            "CPU 코어 2개에서 약 3-4분.",
        },
        "activation_functions": {
            "title": "활성화 함수: 모양, 도함수, 각 함수로 훈련하기 (Maxout 포함)",
            "description": "시그모이드, tanh, ReLU, Leaky ReLU "
            "max(0.1x, x) (노트 002)와 max(0.01x, x) "
            "(노트 004), ELU, Maxout max(w1 x + b1, w2 "
            "x + b2)를 도함수와 함께 그립니다. "
            "시그모이드의 도함수는 최대 0.25이므로 "
            "시그모이드 층을 지날 때마다 그래디언트가 "
            "적어도 4배 줄어듭니다 (노트 000의 "
            "그래디언트 소실). ReLU의 도함수는 x > "
            "0에서 1, 그 아래에서 0이며 Leaky ReLU와 "
            "ELU가 이를 완화합니다. 이어서 같은 "
            "Fashion-MNIST 모델 Flatten, Dense(100, "
            "act), Dense(10, softmax)를 RMSprop로 5 "
            "에포크, 활성화 함수마다 훈련합니다. "
            "Maxout은 이 패키지의 Keras 층입니다 "
            "(ann_keras.layers.Maxout; 이를 제공하던 "
            "TF-Addons는 지원이 끝났습니다). 활성화 "
            '"maxout:2"는 Dense 층을 200개로 넓히고 '
            "두 개씩 묶어 큰 값을 고르므로 은닉 "
            "가중치가 두 배입니다. 전체 데이터로 모델 "
            "7개: 조용한 CPU 코어 2개에서 약 5-6분.",
        },
        "input_scaling": {
            "title": "입력 스케일링: 원래 픽셀, /255, z-점수, L2 정규화",
            "description": "먼저 노트의 데모: N(3, 2.5)에서 뽑은 2 x "
            "100개의 점을 배열 전체의 L2 노름으로 "
            '나누기 전 ("random")과 후 '
            '("normalized")에 산점도로 그립니다. '
            "같은 점 구름이 모든 좌표의 크기가 1보다 "
            "작게 줄어듭니다. 이어서 같은 "
            "Fashion-MNIST 모델 (Flatten, Dense(100, "
            "relu), Dense(10, softmax), RMSprop, 5 "
            "에포크)을 네 가지 입력으로 훈련합니다: "
            "0-255의 원래 픽셀, 책처럼 픽셀 / 255, "
            "훈련 세트의 평균과 표준편차로 만든 "
            "z-점수, 이미지마다 자신의 L2 노름으로 "
            "나눈 값. 전체 데이터로 모델 4개: 조용한 "
            "CPU 코어 2개에서 약 3분.",
        },
        "hg7_1_softmax_regression": {
            "title": "784개 입력에 Dense(10, softmax) 층 하나",
            "description": "Fashion-MNIST를 /255로 스케일링하고 784개 "
            "값으로 펼친 뒤 "
            "train_test_split(test_size=0.2, "
            "random_state=42)로 48,000 / 12,000으로 "
            "나누고, Dense(10, softmax) 층 하나를 "
            "둡니다: 신경망으로 쓴 로지스틱 "
            "회귀입니다. Keras 기본값 (RMSprop, sparse "
            "categorical cross-entropy)으로 컴파일하고 "
            "5 에포크 훈련합니다. 책은 검증 정확도 "
            "0.846을 보고합니다.",
        },
        "hg7_2_deep_network": {
            "title": "심층 신경망: 시그모이드 대 ReLU 은닉층, RMSprop 대 Adam",
            "description": "같은 분할로 모델 세 개를 각각 5 에포크 "
            "훈련합니다. 먼저 784개 입력에 Dense(100, "
            "sigmoid)와 Dense(10, softmax): 책의 "
            "summary처럼 78,500 + 1,010 = 79,510개의 "
            "파라미터입니다. 다음은 Flatten(28x28) "
            "층과 Dense(100, relu), 마지막은 같은 "
            "신경망에 optimizer='adam'. 책은 5 에포크 "
            "뒤 검증 정확도 0.8665 (ReLU)와 0.8726 "
            "(ReLU와 Adam)을 보고합니다.",
        },
        "hg7_3_dropout_early_stopping": {
            "title": "드롭아웃, 체크포인트, 조기 종료",
            "description": (
                "이 장의 여덟 번 훈련을 책의 순서대로, 노트북처럼 처음에 한 번만 시드를 정한 하나의 난수 "
                "스트림에서 실행합니다. Flatten, Dense(100, relu), Dense(10, softmax)를 5 에포크 훈련하고, "
                "이어서 20 에포크(훈련 손실은 계속 줄어듭니다), 검증 손실을 보면서 20 에포크(검증 손실이 "
                "다시 올라갑니다: 과대적합), RMSprop 대신 Adam으로, Dropout(0.3)을 넣어서, Dropout으로 11 "
                "에포크 훈련한 뒤 저장했다가 다시 불러와서(가중치만, 그리고 모델 전체), val_loss가 가장 낮은 "
                "모델을 남기는 ModelCheckpoint와 함께, 마지막으로 val_loss가 두 에포크 동안 나아지지 않으면 "
                "멈추고 가장 좋은 가중치를 복원하는 EarlyStopping(patience=2, restore_best_weights=True)과 "
                "함께 훈련합니다. 마지막 훈련이 대표 결과입니다. 책은 검증 정확도 0.8853(2판)과 "
                "0.8859(1판)을 출력하고, 0부터 센 에포크 12(2판)와 16(1판)에서 멈춥니다."
            ),
        },
        "vanishing_gradients": {
            "title": "그래디언트 소실: 깊은 시그모이드 신경망 대 ReLU",
            "description": "Dense(100) 은닉층 6개를 시그모이드로, "
            "그리고 같은 신경망을 ReLU로 만들어 둘 다 "
            "Keras 기본 Glorot 균등 초기화와 일반 SGD "
            "(학습률 0.01, 배치 32)로 48,000개 중 처음 "
            "12,000개의 훈련 이미지에서 10 에포크 "
            "훈련합니다 (검증 세트와 테스트 세트는 "
            "전부). 콜백이 50번 업데이트마다 고정된 "
            "훈련 이미지 512개 배치에서 손실의 "
            "그래디언트를 구해 층마다 커널 "
            "그래디언트의 노름을 기록합니다. 노트의 "
            "요점: 시그모이드의 도함수는 최대 "
            "0.25이므로 그래디언트가 입력 쪽으로 "
            "돌아가며 층마다 줄어들어 시그모이드 "
            "신경망의 아래층은 거의 배우지 못합니다. "
            "ReLU의 도함수는 양수 입력에서 1이라 "
            "그래디언트가 첫 층까지 비슷한 크기로 "
            "전달됩니다. 시드 3개; --quick은 하나만 "
            "실행합니다.",
        },
        "initialization": {
            "title": "가중치 초기화: 5층 신경망의 활성화 히스토그램, 그리고 훈련",
            "description": "Dense(100) 은닉층 5개로 된 신경망을 다섯 "
            "가지 초기화 (모두 0, N(0, 1), N(0, 0.01), "
            "Xavier/Glorot 정규분포, He 정규분포; 절편 "
            "0)와 세 가지 활성화 함수 (시그모이드, "
            "tanh, ReLU)의 조합마다 만듭니다. 먼저 "
            "노트의 고전적인 그림: 초기화 직후 검증 "
            "이미지 1,000개에 대한 은닉층마다의 출력 "
            "히스토그램. 이어서 모든 조합을 SGD "
            "(학습률 0.01, 모멘텀 0.9, 배치 32)로 처음 "
            "6,000개의 훈련 이미지에서 5 에포크 "
            "훈련합니다 (검증 이미지 2,000개, 테스트 "
            "세트는 전부), 조합마다 시드 3개. 가중치가 "
            "모두 0이면 (출력층도) 모든 은닉 유닛이 "
            "같은 값을 계산하고 같은 그래디언트를 "
            "받으므로, 훈련 뒤에도 층마다 서로 다른 "
            "유닛이 정확히 하나뿐입니다. 서로 다른 "
            "유닛 수의 표가 이를 보여 줍니다. "
            "--quick은 시드 하나만 실행합니다.",
        },
        "optimizers": {
            "title": "같은 모델과 같은 예산의 옵티마이저들",
            "description": "혼공머신 7-2의 신경망 (Flatten, "
            "Dense(100, relu), Dense(10, softmax))을 "
            "옵티마이저 일곱 개로 같은 예산에서 "
            "훈련합니다: 처음 12,000개의 훈련 "
            "이미지에서 배치 32로 5 에포크 (검증 "
            "세트와 테스트 세트는 전부), 각각 Keras의 "
            "기본 학습률 (SGD와 모멘텀 변형은 0.01, "
            "나머지는 0.001; 모멘텀 0.9). 보통의 곡선 "
            "말고도 콜백이 1, 2, 4, ... 번 업데이트한 "
            "뒤 고정된 훈련 이미지 2,000개의 손실을 "
            "기록하므로, 옵티마이저끼리 가장 크게 다른 "
            "처음 백 번의 업데이트를 로그 축에서 볼 수 "
            "있습니다. 시드 3개; --quick은 하나만 "
            "실행합니다.",
        },
        "batch_norm": {
            "title": "배치 정규화: 없음, 활성화 함수 앞, 활성화 함수 뒤",
            "description": "그래디언트 소실 실험의 6층 Dense(100) "
            "신경망을 일반 SGD (학습률 0.01, 배치 "
            "32)로 처음 12,000개의 훈련 이미지에서 5 "
            "에포크 훈련합니다 (검증 세트와 테스트 "
            "세트는 전부). 은닉 블록마다 "
            "BatchNormalization 층을 두지 않거나, "
            "활성화 함수 앞에 (활성화 없는 Dense, BN, "
            "활성화: 핸즈온 11의 배치) 또는 뒤에 "
            "둡니다. BN은 미니배치에 대해 유닛마다 "
            "정규화하고 (평균, 분산) gamma로 "
            "스케일하고 beta로 이동하므로 시그모이드의 "
            "입력이 기울기가 큰 곳에 머뭅니다. BN 없이 "
            "멈춰 버리는 시그모이드 신경망이 BN이 "
            "있으면 배웁니다. 같은 세 가지 설정을 "
            "ReLU로 하면 그래디언트가 소실되지 않는 "
            "경우의 효과가 보입니다. 시드 3개; "
            "--quick은 하나만 실행합니다.",
        },
        "regularization": {
            "title": "규제: L1, L2, 드롭아웃, 데이터 증식, 조기 종료",
            "description": "Flatten, Dense(100, relu), Dense(10, "
            "softmax)를 Adam으로 훈련 이미지 "
            "5,000개에서만 15 에포크 훈련해 (검증 "
            "이미지 5,000개, 테스트 세트는 전부) "
            "과대적합시킵니다: 훈련 정확도가 검증 "
            "정확도에서 멀어집니다. 이어서 노트의 "
            "해결책을 하나씩: 은닉층 커널에 L1 페널티 "
            "(|w| 합의 1e-4배)와 L2 페널티 (w 제곱 "
            "합의 1e-3배), 은닉층 뒤의 Dropout(0.3), "
            "Keras 전처리 층을 쓴 데이터 증식 (무작위 "
            "좌우 뒤집기와 이미지의 10%까지 이동, "
            "훈련할 때만), 조기 종료 (val_loss에 "
            "patience 2, 가장 좋은 가중치 복원). "
            "차이는 정직하게 잽니다: 표의 훈련 "
            "정확도는 fit()이 출력하는 진행 중의 값이 "
            "아니라, 훈련된 모델을 추론 모드 "
            "(드롭아웃과 증식 없음)로 훈련 이미지 "
            "5,000개에서 잰 정확도입니다. 시드 3개; "
            "--quick은 하나만 실행합니다.",
        },
        "batch_vs_online": {
            "title": "배치, 온라인, 미니배치 경사 하강법",
            "description": "노트의 예: 훈련 샘플 32,000개를 배치 경사 "
            "하강법 (32,000개 전체를 한 번 지날 때마다 "
            "업데이트 한 번), 온라인 학습 (샘플마다 "
            "업데이트 한 번: 확률적 경사 하강법), 크기 "
            "32의 미니배치로 배웁니다. 신경망은 "
            "혼공머신 7-2의 것 (Dense(100, relu), "
            "Dense(10, softmax))이고 셋 모두 학습률 "
            "0.01의 일반 SGD입니다. 각각 같은 예산인 "
            "훈련 30초를 받습니다 (검증과 측정 시간은 "
            "빼고; 에포크 수는 상한일 뿐입니다). "
            "콜백이 1, 2, 4, ... 번 업데이트한 뒤 "
            "고정된 훈련 이미지 2,000개의 손실과 "
            "그때의 훈련 시간을 기록하므로, 페이지는 "
            "업데이트 횟수에 따른 손실과 실제 시간에 "
            "따른 손실을 보여 줍니다. 바쁜 "
            "컴퓨터에서는 각 변형이 30초 동안 "
            "업데이트를 덜 하며, 표에 실제 횟수가 "
            "있습니다. 시드 3개; --quick은 8초 "
            "예산으로 하나만 실행합니다.",
        },
        "lr_range_test": {
            "title": "학습률 범위 테스트: 지수적으로 커지는 학습률에 따른 손실",
            "description": "핸즈온 10의 신경망 (Flatten, Dense(300, "
            "relu), Dense(100, relu), Dense(10, "
            "softmax))을 SGD로. 처음 12,000개의 훈련 "
            "이미지를 한 번 지나며 (배치 32개씩 375번) "
            "학습률을 1e-4에서 10까지 배치마다 "
            "지수적으로 키웁니다. 배치마다의 손실을 "
            "이동 평균 (0.98)으로 평활화해 학습률에 "
            "대해 그리고, 평활화한 손실이 가장 낮은 "
            "값의 네 배가 되면 멈춥니다. 전환점은 "
            "평활화한 손실이 가장 낮은 학습률입니다. "
            "핸즈온은 그보다 열 배쯤 낮은 학습률을, "
            "노트는 안정적인 최대 학습률의 절반쯤을 "
            "권합니다. 모델의 가중치와 옵티마이저 "
            "상태는 테스트 뒤에 복원합니다 (아래에서 "
            "확인). 이어서 같은 12,000개 이미지에서 "
            "(검증 세트와 테스트 세트는 전부) Keras의 "
            "기본 SGD 학습률 0.01, 제안값 (전환점 / "
            "10), 전환점의 절반으로 5 에포크씩, 시드 "
            "3개로 훈련합니다. 제안값과 범위 [제안값 / "
            "10, 전환점 / 2]는 튜너의 학습률 범위로 "
            "쓰도록 facts.json에 적습니다. --quick은 "
            "시드 하나만 실행합니다.",
        },
        "batch_size": {
            "title": "배치 크기: 에포크당 시간, 초당 샘플, 정확도; 학습률 워밍업",
            "description": "혼공머신 7-2의 신경망 (Dense(100, relu), "
            "Dense(10, softmax))을 처음 12,000개의 "
            "훈련 이미지에서 (검증 이미지 3,000개, "
            "테스트 세트는 전부) 배치 크기 2, 8, 32, "
            "128, 512, 2048, 8192로 SGD로 3 에포크 "
            "훈련합니다. 학습률은 선형 스케일링 규칙 "
            "0.01 x 배치 / 32를 따르므로 (어느 크기든 "
            "에포크당 비슷한 거리를 감) 아주 큰 배치는 "
            "첫 업데이트부터 아주 큰 스텝을 밟습니다. "
            "핸즈온: 큰 배치는 하드웨어를 잘 쓰지만 "
            "초반에 불안정할 수 있고, 르쿤은 2-32를 "
            "권하며, 워밍업을 하면 아주 큰 배치도 쓸 "
            "만해집니다. 그래서 128 이상의 크기는 선형 "
            "워밍업으로도 실행합니다: 학습률이 첫 "
            "에포크 동안 rate/steps에서 전체 값까지 "
            "오릅니다. 에포크당 시간은 훈련만 세고 "
            "(검증은 빼고), 트레이싱이 들어 있는 첫 "
            "에포크는 뺍니다. 시드 3개; --quick은 "
            "하나만 실행합니다.",
        },
        "depth_width": {
            "title": "같은 파라미터 수에서 깊이 대 너비, 깔때기 대 일정한 너비",
            "description": "파라미터가 정확히 177,295개인 신경망 셋: "
            "유닛 223개의 은닉층 하나, 유닛 159개의 층 "
            "셋, 194, 104, 41개 유닛의 깔때기 (모두 "
            "ReLU). 핸즈온 10: 넓은 은닉층 하나로도 "
            "이론상 무엇이든 모델링할 수 있지만 깊은 "
            "신경망이 파라미터를 훨씬 효율적으로 쓰며, "
            "깔때기는 많은 저수준 특성이 더 적은 "
            "고수준 특성으로 합쳐지게 합니다 (일정한 "
            "너비도 대개 그만큼 잘 되지만). 각각 처음 "
            "12,000개의 훈련 이미지에서 (검증 세트와 "
            "테스트 세트는 전부) Adam으로 10 에포크, "
            "시드 3개씩 훈련합니다. --quick은 시드 "
            "하나만 실행합니다.",
        },
        "hml10_sequential": {
            "title": "SGD로 30 에포크 훈련하는 Sequential 784-300-100-10",
            "description": "핸즈온 10.2.2의 이미지 분류기: "
            "Flatten(28x28), Dense(300, relu), "
            "Dense(100, relu), Dense(10, softmax), "
            "파라미터 266,610개. "
            'loss="sparse_categorical_crossentropy", '
            'optimizer="sgd" (학습률 0.01), '
            'metrics=["accuracy"]로 컴파일하고 검증 '
            "데이터와 함께 배치 32로 30 에포크 "
            "훈련합니다. 책은 30 에포크 뒤 "
            "val_accuracy 0.8894와 테스트 정확도 "
            "0.8864를 보고합니다. 분할이 다릅니다: "
            "책은 훈련 이미지 60,000개 중 마지막 "
            "5,000개를 검증용으로 두고 (55,000 / "
            "5,000), 이 패키지는 노트의 "
            "train_test_split (48,000 / 12,000)을 "
            "쓰므로 모델이 훈련 이미지를 7,000개 덜 "
            "보고 더 많은 이미지로 검증합니다. 전체 "
            "데이터, 시드 하나.",
        },
        "hml10_apis": {
            "title": "Sequential, 함수형, 서브클래싱, 와이드 & 딥 모델",
            "description": "핸즈온 10의 784-300-100-10 신경망을 세 "
            "가지 방식, 곧 Sequential API, 함수형 API, "
            "서브클래싱한 keras.Model로 쓰고 (모두 "
            "하나의 빌더 ann_keras.models에서), 핸즈온 "
            "10.2.4의 함수형 API 와이드 & 딥 모델도 "
            "만듭니다: 펼친 픽셀이 마지막 은닉층과 "
            '연결되어 출력층으로도 곧장 가며 ("딥" '
            '경로 옆의 "와이드" 경로), 784 x 10개의 '
            "가중치가 늘어납니다. 시드가 같으면 앞의 "
            "셋은 같은 가중치에서 시작해 같은 수치로 "
            "훈련되며, 표가 얼마나 가까운지 보여 "
            "줍니다. SGD (학습률 0.01), 처음 "
            "12,000개의 훈련 이미지에서 5 에포크 (검증 "
            "세트와 테스트 세트는 전부), 시드 3개씩. "
            "--quick은 시드 하나만 실행합니다.",
        },
        "hml10_callbacks": {
            "title": "ModelCheckpoint, EarlyStopping, 사용자 정의 콜백, TensorBoard",
            "description": "핸즈온 10의 784-300-100-10 신경망에 "
            "핸즈온 10의 콜백들: ModelCheckpoint는 "
            "가장 좋은 모델 (val_loss 기준)을 작업 "
            "폴더에 저장하고, "
            "EarlyStopping(patience=10, "
            "restore_best_weights=True)은 val_loss가 "
            "10 에포크 동안 나아지지 않으면 끝내며 "
            "(epochs=100은 상한일 뿐), 책의 사용자 "
            "정의 콜백은 에포크마다 비율 val_loss / "
            "loss를 출력하고 (1보다 크고 커지면 "
            "과대적합), TensorBoard는 작업 폴더 아래에 "
            "로그를 씁니다. 처음 12,000개의 훈련 "
            "이미지에서 (검증 세트와 테스트 세트는 "
            "전부) Adam으로 훈련하므로 모델이 "
            "과대적합하고 조기 종료가 몇 분 안에 "
            "실행을 끝냅니다. 페이지는 체크포인트를 "
            "확인합니다: 다시 불러오면 기록에 있는 "
            "가장 좋은 val_loss를 얻습니다. 시드 하나.",
        },
        "hml10_3_random_search": {
            "title": "책의 RandomSearch (원본 픽셀에서 10 에포크짜리 시도 5번)",
            "description": "책의 첫 번째 탐색(셀 156-162)입니다. `kt.RandomSearch(build_model, "
            'objective="val_accuracy", max_trials=5, seed=42)`로 은닉층 0-8개, 층마다 ReLU 뉴런 '
            "16-256개, 1e-4에서 1e-2 사이의 학습률(로그 스케일), SGD 또는 Adam 중에서 고릅니다. 시도마다 "
            "훈련 이미지 앞쪽 55,000개로 10 에포크 훈련하는데, 책이 데이터를 255로 나누지 않고 다시 "
            "불러오기 때문에 0-255 원본 픽셀 그대로 씁니다. 점수는 나머지 5,000개에서 얻은 가장 좋은 "
            "val_accuracy입니다. 그다음 가장 좋은 시도의 모델을 가장 좋았던 에포크의 가중치 그대로 60,000개 "
            "훈련 이미지 전체로 10 에포크 더 훈련하고(`best_model.fit(X_train_full, y_train_full, "
            "epochs=10)`), 테스트 이미지 10,000개로 한 번 평가합니다. 책에는 가장 좋은 시도의 "
            "val_accuracy 0.8736과 테스트 정확도 0.8753이 나옵니다. 다른 점이 하나 있습니다: 여기서는 "
            "모든 시도의 모델이 시드 42에서 시작합니다. Keras 3에서는 책의 `tf.random.set_seed(42)`가 초기 "
            "가중치를 고정하지 못해서, 책의 셀을 그대로 돌려도 실행할 때마다 숫자가 달라집니다.",
        },
        "hml10_3_hyperband": {
            "title": "책의 Hyperband, 입력을 정규화할지도 탐색",
            "description": "책의 두 번째 탐색(셀 163-165)입니다. `kt.Hyperband(MyClassificationHyperModel(), "
            'objective="val_accuracy", seed=42, max_epochs=10, factor=3, hyperband_iterations=2)`를 '
            "`EarlyStopping(patience=2)`와 함께 원본 픽셀의 55,000 / 5,000 분할에서 돌립니다. 책의 "
            "HyperModel은 RandomSearch와 같은 모델을 만들고, fit 안에서 `Normalization` 층을 훈련 이미지에 "
            '맞춘 뒤 `hp.Boolean("normalize")`가 참이면 그 층을 적용합니다. 책의 코드에는 두 가지 '
            "문제가 있습니다. 이 Boolean이 keras-tuner가 시도의 값을 이미 뽑은 뒤인 fit 안에서 처음 "
            "만들어지기 때문에 처음 몇 번의 시도는 값을 뽑지 못하고 기본값(False)에 머뭅니다. 또 훈련 "
            "이미지만 정규화하고 검증 이미지는 원본 그대로 모델에 들어갑니다. 여기서는 `normalize`를 다른 "
            "하이퍼파라미터와 함께 선언해서 모든 시도가 값을 뽑고, 참이면 훈련·검증·테스트 이미지를 모두 "
            "훈련 이미지의 평균과 표준편차로 똑같이 표준화합니다. 책에는 60번 시도한 뒤의 가장 좋은 "
            "val_accuracy 0.8704가 나오고, 이 탐색의 모델은 테스트하지 않습니다. 여기서는 가장 좋은 "
            "시도의 모델을 탐색이 끝난 그대로 테스트 이미지로 한 번 평가합니다.",
        },
        "hml10_3_bayesian": {
            "title": "책의 BayesianOptimization (시도 10번)",
            "description": "책의 세 번째 탐색(셀 166)입니다. `kt.BayesianOptimization("
            'MyClassificationHyperModel(), objective="val_accuracy", seed=42, max_trials=10, '
            "alpha=1e-4, beta=2.6)`를 시도마다 최대 10 에포크, `EarlyStopping(patience=2)`와 함께 원본 "
            "픽셀의 55,000 / 5,000 분할에서 돌립니다. HyperModel과 `normalize`는 Hyperband 탐색과 "
            "같습니다(여기서는 다른 하이퍼파라미터와 함께 선언해서 모든 시도가 값을 뽑습니다). "
            "keras-tuner는 가우스 과정이 점을 고르기 전에 처음 몇 개를 무작위로 뽑는데, 따로 정하지 "
            "않으면(`num_initial_points`, 책도 정하지 않습니다) 하이퍼파라미터 하나당 3개입니다. 여기서는 "
            "15개, 책에서는 12개(책의 `normalize`는 나중에 공간에 들어옵니다)로 둘 다 시도 10번보다 "
            "많습니다. 그래서 책에서도 여기서도 이 탐색의 시도는 전부 무작위로 뽑힙니다. 책에는 가장 좋은 "
            "val_accuracy 0.8636이 나오고, 이 탐색의 모델은 테스트하지 않습니다. 여기서는 가장 좋은 "
            "시도의 모델을 탐색이 끝난 그대로 테스트 이미지로 한 번 평가합니다.",
        },
        "wider_search": {
            "title": "책보다 넓은 탐색: 은닉층, 뉴런, 학습률, 배치 크기, 드롭아웃",
            "description": "책의 탐색이 아니라 이 패키지가 직접 정한 탐색입니다(책의 탐색은 "
            "hml10_3_random_search, hml10_3_hyperband, hml10_3_bayesian입니다). 노트의 튜닝 포인트를 "
            "따라 은닉층 1-3개, 층마다 뉴런 64-512개, 학습률(책의 1e-4에서 1e-2처럼 로그 스케일), 배치 "
            "크기, 드롭아웃 비율을 Adam과 255로 나눈 픽셀로 탐색합니다. 시도는 20번이고 각각 조기 종료와 "
            "함께 최대 20 에포크입니다. 시도마다 훈련 이미지 앞쪽 55,000개로 훈련하고 나머지 5,000개에서 "
            "얻은 가장 좋은 val_accuracy로 점수를 매기며(핸즈온 10의 분할, 책의 탐색과 같은 데이터), "
            "테스트 세트는 보지 않습니다. 가장 좋은 설정을 처음부터 조기 종료와 함께 다시 훈련하고 테스트 "
            '이미지 10,000개로 한 번 평가합니다. "책의 탐색과 비교" 표는 여기서 돌린 책의 탐색들과 이 '
            "탐색을 나란히 놓습니다: 같은 분할, 시도와 에포크로 센 예산, 걸린 시간입니다.",
        },
        "beyond_the_book_mlp": {
            "title": "책 너머: 이 장의 MLP를 한 단계씩 재 보며 개선하기",
            "description": "모델을 사다리처럼 쌓고, 단계마다 앞 단계에 변화 하나만 더합니다. 혼공머신 7-3의 "
            "Dense(100, relu) + Dropout(0.3), Adam, EarlyStopping(patience=2)에서 시작해서, 각각 "
            "Dropout(0.3)이 붙은 Dense(512, relu) 층 세 개, AdamW(분리된 가중치 감쇠 1e-4), 처음 2%의 "
            "업데이트 동안 0에서 올라가는 학습률 워밍업과 40 에포크에 걸쳐 0까지 내려가는 코사인 감쇠에 "
            "배치 크기 128(여기부터는 스케줄이 실행 길이를 정하므로 조기 종료를 끕니다), 레이블 스무딩 "
            "0.1, 같은 방법을 검증으로 고른 에포크 수만큼 60,000개 훈련 이미지 전체로 다시 훈련하기, "
            "마지막으로 마지막 단계의 시드별 모델들이 낸 확률의 평균(앙상블)입니다. 모든 선택은 검증 이미지 "
            "12,000개로 하고, 모델마다 테스트 세트는 한 번만 봅니다. 단계마다 시드 3개입니다.",
        },
    }
}
DECLARED: dict[str, dict[str, str]] = {
    "ko": {
        "The activations (top) and their derivatives (bottom)": "활성화 함수 (위)와 도함수 (아래)",
        "Maxout drawn with the pieces ((1.0, 0.0), "
        "(-0.5, -1.0)): in a network the pieces "
        "are learned.": "Maxout은 조각 ((1.0, 0.0), (-0.5, "
        "-1.0))으로 그렸습니다. 신경망에서는 "
        "조각을 학습합니다.",
        "Ranges on [-5, 5]": "[-5, 5]에서의 범위",
        "A derivative well below 1 at both ends "
        "(sigmoid, tanh) is what makes deep stacks "
        "of them lose their gradient.": "양 끝에서 도함수가 1보다 훨씬 작은 것 "
        "(시그모이드, tanh)이 이런 층을 깊이 "
        "쌓으면 그래디언트를 잃게 만드는 "
        "원인입니다.",
        "Fashion-MNIST with each activation": "활성화 함수별 Fashion-MNIST",
        "The same model and training; maxout_2 has "
        "784 x 200 + 200 hidden weights and biases "
        "against 784 x 100 + 100.": "모델과 훈련은 같습니다. maxout_2의 은닉 "
        "가중치와 절편은 784 x 100 + 100개가 "
        "아니라 784 x 200 + 200개입니다.",
        "Forward and backward pass, one gradient step": "순전파와 역전파, 경사 하강 한 스텝",
        "dE_do1 x do1_dz3 x dz3_dW5 = dE_dW5 as "
        "the notes multiply them; W+ = W - 0.5 "
        "dE/dW. GradientTape gives the gradients, "
        "not the chain's factors.": "노트처럼 dE_do1 x do1_dz3 x dz3_dW5 = "
        "dE_dW5로 곱합니다. W+ = W - 0.5 dE/dW. "
        "GradientTape는 연쇄의 인수가 아니라 "
        "그래디언트를 줍니다.",
        "f = wx + b: g = wx, f = g + b": "f = wx + b: g = wx, f = g + b",
        "Batch normalisation: accuracy after 5 epochs": "배치 정규화: 5 에포크 뒤의 정확도",
        "Mean and std over seeds; params counts "
        "BN's gamma, beta and moving statistics (4 "
        "per unit). seconds_per_epoch includes "
        "validation.": "시드에 대한 평균과 표준편차. params에는 "
        "BN의 gamma, beta, 이동 통계 (유닛당 "
        "4개)가 들어 있습니다. "
        "seconds_per_epoch에는 검증 시간이 들어 "
        "있습니다.",
        "Training loss per epoch, sigmoid": "에포크별 훈련 손실, 시그모이드",
        "First seed.": "첫 번째 시드.",
        "Training loss per epoch, relu": "에포크별 훈련 손실, relu",
        "Batch size: speed and accuracy": "배치 크기: 속도와 정확도",
        "Mean and std over seeds. "
        "train_seconds_per_epoch: training only, "
        "first epoch left out; accuracies leave "
        "out diverged seeds (loss NaN), which "
        "diverged_seeds counts.": "시드에 대한 평균과 표준편차. "
        "train_seconds_per_epoch: 훈련만, 첫 "
        "에포크는 뺌. 정확도에서는 발산한 시드 "
        "(손실 NaN)를 빼며, 그 수는 "
        "diverged_seeds에 있습니다.",
        "Time per epoch, samples per second and "
        "validation accuracy against batch size": "배치 크기에 따른 에포크당 시간, 초당 샘플 수, 검증 정확도",
        "Mean and std over seeds; log scale for batch size.": "시드에 대한 평균과 표준편차. 배치 크기는 "
        "로그 눈금.",
        "Updates, throughput and loss within the same training time": "같은 훈련 시간 안의 업데이트 횟수, "
        "처리량, 손실",
        "Mean and std over seeds. "
        "final_probe_loss: loss on 2,000 fixed "
        "training images when the budget ran out.": "시드에 대한 평균과 표준편차. "
        "final_probe_loss: 예산이 끝났을 때 고정된 "
        "훈련 이미지 2,000개의 손실.",
        "Loss against the number of updates": "업데이트 횟수에 따른 손실",
        "First seed. Per update the full batch is "
        "the most accurate step; online makes the "
        "most steps.": "첫 번째 시드. 업데이트 한 번으로 보면 "
        "전체 배치가 가장 정확한 스텝이고, "
        "온라인은 스텝을 가장 많이 밟습니다.",
        "Loss against training time": "훈련 시간에 따른 손실",
        "First seed. The same budget for each; "
        "probes and validation not counted.": "첫 번째 시드. 모두 같은 예산이며, 측정과 "
        "검증 시간은 세지 않습니다.",
        "Equal parameter count: accuracy per shape": "같은 파라미터 수: 모양별 정확도",
        "Mean and std over seeds; loss is the "
        "training loss of the last epoch; "
        "seconds_per_epoch includes validation.": "시드에 대한 평균과 표준편차. loss는 "
        "마지막 에포크의 훈련 손실, "
        "seconds_per_epoch에는 검증 시간이 들어 "
        "있습니다.",
        "Validation accuracy per epoch": "에포크별 검증 정확도",
        "Four ways to write the model": "모델을 쓰는 네 가지 방법",
        "Mean and std over seeds; loss is the "
        "training loss of the last epoch.": "시드에 대한 평균과 표준편차. loss는 "
        "마지막 에포크의 훈련 손실입니다.",
        "The custom callback: val_loss / loss per epoch": "사용자 정의 콜백: 에포크별 val_loss / loss",
        "Printed by the callback during training; "
        "above 1 and rising means overfitting.": "훈련 중 콜백이 출력한 값입니다. 1보다 "
        "크고 커지면 과대적합입니다.",
        "val_loss / loss per epoch": "에포크별 val_loss / loss",
        "TensorBoard": "TensorBoard",
        "Activation histograms, sigmoid": "활성화 히스토그램, 시그모이드",
        "Rows: initialisation; columns: hidden "
        "layers 1-5 (input side first); 1,000 "
        "validation images, before any training.": "행: 초기화, 열: 은닉층 1-5 (입력 쪽부터). "
        "훈련 전, 검증 이미지 1,000개.",
        "Activation histograms, tanh": "활성화 히스토그램, tanh",
        "Activation histograms, relu": "활성화 히스토그램, relu",
        "Activation statistics at initialisation, per layer": "초기화 직후 층별 활성화 통계",
        "std: spread of the outputs; "
        "small_fraction: |output| < 0.01; "
        "near_one_fraction: |output| > 0.99 "
        "(saturated sigmoid or tanh); "
        "zero_fraction: exactly 0 (ReLU off); "
        "distinct_units: units that differ on "
        "these images (of 100).": "std: 출력의 퍼짐, small_fraction: |출력| "
        "< 0.01, near_one_fraction: |출력| > 0.99 "
        "(포화된 시그모이드나 tanh), "
        "zero_fraction: 정확히 0 (꺼진 ReLU), "
        "distinct_units: 이 이미지들에서 서로 다른 "
        "유닛 수 (100개 중).",
        "Distinct hidden units after training (first seed)": "훈련 뒤 서로 다른 은닉 유닛 수 (첫 번째 시드)",
        "Of 100 units per layer, how many compute "
        "different outputs on 1,000 validation "
        "images after training. All-zero weights "
        "stay at 1.": "층마다 유닛 100개 중 훈련 뒤 검증 이미지 "
        "1,000개에서 서로 다른 출력을 내는 유닛 "
        "수. 가중치가 모두 0이면 1에 머뭅니다.",
        "Accuracy after 5 epochs per activation and initialisation": "활성화 함수와 초기화별 5 에포크 뒤의 "
        "정확도",
        "Mean and std over seeds; loss is the "
        "training loss of the last epoch. A "
        "diverged seed (loss NaN) counts in "
        "diverged_seeds and is left out of the "
        "means (none left: empty).": "시드에 대한 평균과 표준편차. loss는 "
        "마지막 에포크의 훈련 손실입니다. 발산한 "
        "시드 (손실 NaN)는 diverged_seeds에 세고 "
        "평균에서 뺍니다 (남은 시드가 없으면 빈칸).",
        "Validation accuracy per epoch, sigmoid": "에포크별 검증 정확도, 시그모이드",
        "Validation accuracy per epoch, tanh": "에포크별 검증 정확도, tanh",
        "Validation accuracy per epoch, relu": "에포크별 검증 정확도, relu",
        "The notes' demo: x / ||x||": "노트의 데모: x / ||x||",
        "What the model sees: training inputs after scaling": "모델이 보는 것: 스케일링한 훈련 입력",
        "Fashion-MNIST with each scaling": "스케일링별 Fashion-MNIST",
        "Same model, optimizer and epochs; only the inputs differ.": "모델, 옵티마이저, 에포크는 같고 입력만 "
        "다릅니다.",
        "Training loss and validation accuracy per epoch": "에포크별 훈련 손실과 검증 정확도",
        "The notes' loss examples": "노트의 손실 예제",
        "Natural log unless the name says log10. "
        "The notes' softmax figure writes "
        "-log(0.13) = 0.89: that is log base 10; "
        "with the natural log, as Keras computes "
        "it, the loss is 2.04.": "이름에 log10이 없으면 자연로그입니다. "
        "노트의 소프트맥스 그림은 -log(0.13) = "
        "0.89라고 쓰는데, 이는 상용로그입니다. "
        "Keras처럼 자연로그로 계산하면 손실은 "
        "2.04입니다.",
        "Accuracy per epoch: MSE against cross-entropy": "에포크별 정확도: MSE 대 크로스엔트로피",
        "Same model and data; only the loss (and, "
        "in pairs, the optimizer) differs.": "모델과 데이터는 같고 손실 (그리고 짝마다 "
        "옵티마이저)만 다릅니다.",
        "val_accuracy per epoch": "에포크별 val_accuracy",
        "Loss against learning rate (one pass, "
        "rate growing exponentially)": "학습률에 따른 손실 (한 번 통과, 학습률을 지수적으로 키움)",
        "Training at the default and the suggested rates (5 epochs)": "기본 학습률과 제안한 학습률로 훈련 (5 "
        "에포크)",
        "Optimizers: accuracy and loss": "옵티마이저: 정확도와 손실",
        "Mean and std over seeds. "
        "probe_loss_after_N: loss on 2,000 fixed "
        "training images after N updates; loss: "
        "training loss of the last epoch.": "시드에 대한 평균과 표준편차. "
        "probe_loss_after_N: N번 업데이트한 뒤 "
        "고정된 훈련 이미지 2,000개의 손실, loss: "
        "마지막 에포크의 훈련 손실.",
        "Training loss against updates": "업데이트 횟수에 따른 훈련 손실",
        "After 50 epochs at rate 0.2": "학습률 0.2로 50 에포크 뒤",
        "The notes print weights [0.4 0.2] and "
        "bias -0.4 for AND. XOR never has an epoch "
        "without errors.": "노트는 AND에 대해 가중치 [0.4 0.2]와 절편 "
        "-0.4를 출력합니다. XOR은 오류 없는 "
        "에포크가 한 번도 없습니다.",
        "The first epochs, AND against XOR": "처음 몇 에포크, AND 대 XOR",
        "Wrong predictions in each epoch and the "
        "weights after it; tables/epochs_all.csv "
        "holds every epoch.": "에포크마다의 틀린 예측 수와 그 뒤의 "
        "가중치. 모든 에포크는 "
        "tables/epochs_all.csv에 있습니다.",
        "Wrong predictions per epoch": "에포크별 틀린 예측 수",
        "Truth tables": "진리표",
        "Each column is one perceptron (notes 001 "
        "or 004's weights) on the four inputs.": "열마다 네 입력에 대한 퍼셉트론 하나 (노트 "
        "001 또는 004의 가중치)입니다.",
        "Weights, outputs and targets": "가중치, 출력, 타깃",
        "Notes 004's theta is written as b = "
        "-theta. The last row is notes 004's "
        "single line drawn over XOR.": "노트 004의 theta는 b = -theta로 "
        "적었습니다. 마지막 행은 노트 004의 직선 "
        "하나를 XOR 위에 그린 것입니다.",
        "The best any single line can do": "직선 하나로 할 수 있는 최선",
        "Every line w1*x1 + w2*x2 + b on a grid of "
        "step 0.05 in [-2, 2].": "[-2, 2]에서 간격 0.05의 격자 위 모든 직선 w1*x1 + w2*x2 + b.",
        "Decision lines in the input square": "입력 사각형의 결정 경계",
        "Filled: output 1, open: output 0. XOR "
        "needs two lines (NAND and OR of notes "
        "001), combined by AND.": "채운 점: 출력 1, 빈 점: 출력 0. XOR에는 "
        "직선 두 개 (노트 001의 NAND와 OR)를 AND로 "
        "묶어야 합니다.",
        "Train/validation gap and test accuracy per remedy": "해결책별 훈련/검증 차이와 테스트 정확도",
        "Mean and std over seeds. train_accuracy: "
        "the evaluated model on its training "
        "images in inference mode; gap = "
        "train_accuracy - val_accuracy; "
        "evaluated_epoch: the epoch whose weights "
        "were evaluated (early stopping restores "
        "the best).": "시드에 대한 평균과 표준편차. "
        "train_accuracy: 평가한 모델을 추론 모드로 "
        "훈련 이미지에서 잰 정확도, gap = "
        "train_accuracy - val_accuracy, "
        "evaluated_epoch: 가중치를 평가한 에포크 "
        "(조기 종료는 가장 좋은 에포크를 복원).",
        "Training accuracy (as fit reports it) per epoch": "에포크별 훈련 정확도 (fit이 보고하는 값)",
        "Gradient norm of each layer's kernel": "층마다 커널의 그래디언트 노름",
        "Before the first update and after the "
        "last one, mean and std over seeds. Layer "
        "hidden_1 is next to the input.": "첫 업데이트 전과 마지막 업데이트 뒤, "
        "시드에 대한 평균과 표준편차. hidden_1 "
        "층이 입력 바로 다음입니다.",
        "Gradient ratio and accuracy per activation": "활성화 함수별 그래디언트 비율과 정확도",
        "first_to_last_hidden: gradient norm of "
        "hidden_1 divided by that of the last "
        "hidden layer, before training; below 1 "
        "the gradient shrinks on its way to the "
        "input.": "first_to_last_hidden: 훈련 전 hidden_1의 "
        "그래디언트 노름을 마지막 은닉층의 것으로 "
        "나눈 값. 1보다 작으면 그래디언트가 입력 "
        "쪽으로 가며 줄어듭니다.",
        "Gradient norm per layer during training": "훈련 중 층별 그래디언트 노름",
        "First seed; log scale. The sigmoid "
        "network's lower layers get gradients "
        "orders of magnitude smaller.": "첫 번째 시드, 로그 눈금. 시그모이드 "
        "신경망의 아래층은 자릿수가 몇 개나 작은 "
        "그래디언트를 받습니다.",
        "Gradient norm against depth, before training": "훈련 전 깊이에 따른 그래디언트 노름",
        "Mean over seeds.": "시드에 대한 평균.",
        "Outputs after training, NumPy backprop": "훈련 뒤의 출력, NumPy 역전파",
        "Loss: sum over the four samples of 1/2 (output - target)^2.": "손실: 네 샘플에 대한 1/2 (출력 - "
        "타깃)^2의 합.",
        "Gradient check (seed 42)": "그래디언트 확인 (시드 42)",
        "Hand-written deltas against central "
        "differences (float64) and tf.GradientTape "
        "(float64) on the same weights.": "같은 가중치에서 손으로 쓴 델타를 중앙 "
        "차분 (float64), tf.GradientTape "
        "(float64)와 비교.",
        "Hand-written backprop against Keras (seed 42)": "손으로 쓴 역전파 대 Keras (시드 42)",
        "Loss per epoch (NumPy, seed 42)": "에포크별 손실 (NumPy, 시드 42)",
        "Cost every few hundred steps": "몇백 스텝마다의 비용",
        "Natural log. The cost at step s is "
        "measured before update s, as the notes "
        "print it.": "자연로그. 스텝 s의 비용은 노트가 출력하듯 업데이트 s 전에 잰 값입니다.",
        "Cost against step": "스텝에 따른 비용",
        "Outputs after 10,001 steps": "10,001 스텝 뒤의 출력",
        "The notes: every output 0.5, every "
        "prediction 0, accuracy 0.5.": "노트: 모든 출력 0.5, 모든 예측 0, 정확도 0.5.",
        "SGDClassifier's folds against the network": "SGDClassifier의 폴드별 점수와 신경망",
        "Baseline: SGDClassifier, cross-validated (the book's first cell)": "기준 모델: SGDClassifier 교차 "
        "검증 (책의 첫 셀)",
        "The sigmoid network built three ways": "시그모이드 신경망을 세 가지 방법으로 만들기",
        "model_fn() compiled with compile()'s defaults (RMSprop) and trained 5 epochs: the training loss "
        "falls every epoch.": "compile()의 기본값(RMSprop)으로 컴파일한 model_fn()을 5 에포크 훈련했습니다. "
        "훈련 손실이 에포크마다 줄어듭니다.",
        "Adam instead of RMSprop, 20 epochs.": "RMSprop 대신 Adam으로 20 에포크 훈련했습니다.",
        "A Dropout(0.3) layer after the hidden layer, Adam, 20 epochs.": "은닉층 뒤에 Dropout(0.3) 층을 "
        "넣고 Adam으로 20 에포크 훈련했습니다.",
        "Dropout(0.3), Adam, 11 epochs; then save() and save_weights(), a new model with load_weights() "
        "and load_model(). The table below compares both with the model they came from.": "Dropout(0.3), "
        "Adam으로 11 에포크 훈련한 뒤 save()와 save_weights()로 저장하고, 새 모델에 load_weights()로, 그리고 "
        "load_model()로 다시 불러왔습니다. 아래 표는 둘을 원래 모델과 비교합니다.",
        "Dropout(0.3), Adam, 20 epochs, ModelCheckpoint(save_best_only=True) keeping the model of the "
        "lowest val_loss; then load_model() of that file and evaluate() on the validation set.": (
            "Dropout(0.3), Adam으로 20 에포크 훈련하면서 ModelCheckpoint(save_best_only=True)가 "
            "val_loss가 가장 낮은 모델을 남깁니다. 그 파일을 load_model()로 불러와 검증 세트에서 "
            "evaluate()했습니다."
        ),
        "ModelCheckpoint and EarlyStopping(patience=2, restore_best_weights=True): training stops two "
        "epochs after the lowest val_loss and the weights of that epoch are restored.": "ModelCheckpoint와 "
        "EarlyStopping(patience=2, restore_best_weights=True): val_loss가 가장 낮았던 때부터 두 에포크 뒤에 "
        "훈련을 멈추고 그 에포크의 가중치를 복원합니다.",
        "A new model trained 20 epochs: the training loss goes on falling, which says nothing yet about "
        "images the model has not seen.": "새 모델을 20 에포크 훈련했습니다. 훈련 손실은 계속 "
        "줄어들지만, 이것만으로는 모델이 보지 못한 이미지에 대해 아직 아무것도 알 수 없습니다.",
        "The same, watching the validation loss: it falls for a few epochs and then rises while the "
        "training loss keeps falling. The model fits the training images more and new ones less.": "같은 "
        "훈련에서 검증 손실을 봅니다. 몇 에포크 동안 줄어들다가, 훈련 손실이 계속 줄어드는 동안 다시 "
        "올라갑니다. 모델이 훈련 이미지에는 더 잘 맞고 새 이미지에는 덜 맞게 됩니다.",
        "df/dw = df/dg * dg/dw = 1 * x; df/dx = df/dg * dg/dx = 1 * w.": "df/dw = df/dg * dg/dw = 1 * x; "
        "df/dx = df/dg * dg/dx = 1 * w.",
        "The book builds Dense(100, sigmoid) + Dense(10, softmax) on 784 inputs three ways to show "
        "model.summary(); each has 78,500 + 1,010 = 79,510 parameters. Only the last is trained; the two "
        "before it are built here too, because each layer created draws from the random stream.": "책은 "
        "model.summary()를 보여 주려고 784개 입력 위의 Dense(100, sigmoid) + Dense(10, softmax)를 세 가지 "
        "방법으로 만듭니다. 모두 78,500 + 1,010 = 79,510개의 파라미터를 가집니다. 마지막 모델만 훈련합니다. "
        "층을 하나 만들 때마다 난수 스트림에서 값을 뽑으므로 앞의 두 모델도 여기서 똑같이 만듭니다.",
        "Each fold's test score of the SGDClassifier; the lines: its mean and the network's "
        "validation accuracy after 5 epochs.": "SGDClassifier의 폴드마다의 테스트 점수입니다. 가로선은 그 "
        "평균과, 5 에포크 훈련한 신경망의 검증 정확도입니다.",
        "Fit 1: 5 epochs": "훈련 1: 5 에포크",
        "Fit 2: 20 epochs": "훈련 2: 20 에포크",
        "Fit 3: the validation loss (overfitting)": "훈련 3: 검증 손실 (과대적합)",
        "Fit 4: Adam": "훈련 4: Adam",
        "Fit 5: Dropout(0.3)": "훈련 5: Dropout(0.3)",
        "Fit 6: Dropout, 11 epochs, saved and loaded back": "훈련 6: 드롭아웃, 11 에포크, 저장했다가 다시 "
        "불러오기",
        "Fit 7: ModelCheckpoint": "훈련 7: ModelCheckpoint",
        "Fit 8: EarlyStopping": "훈련 8: EarlyStopping",
        "Fit 6: saved and loaded back": "훈련 6: 저장했다가 다시 불러온 모델",
        "Identical: every weight array equal and the predictions (or the evaluation) equal "
        "to the last digit.": "같음: 모든 가중치 배열이 같고, 예측(또는 평가)이 마지막 자리까지 같다는 "
        "뜻입니다.",
        "Fit 7: the checkpoint loaded back": "훈련 7: 다시 불러온 체크포인트",
        "The overfitting curve and each remedy": "과대적합 곡선과 각 해결책",
        "Validation loss of fit 3 (RMSprop, overfitting), fit 4 (Adam), fit 5 (Adam + Dropout) "
        "and fit 8 (Adam + Dropout, stopped early).": "훈련 3(RMSprop, 과대적합), 훈련 4(Adam), 훈련 "
        "5(Adam + 드롭아웃), 훈련 8(Adam + 드롭아웃, 조기 종료)의 검증 손실입니다.",
    }
}


def experiment_text(name: str, field: str, lang: str) -> str | None:
    """An experiment's `field` ("title" or "description") in `lang`; None when not translated (then the
    page shows what run.json holds)."""
    return EXPERIMENTS.get(lang, {}).get(name, {}).get(field)


# The run's numbers an experiment writes after a declared sentence ("... Last epoch: loss 0.3129, ..."):
# translated by pattern, the numbers kept as written.
_N = r"(-?\d+(?:\.\d+)?)"  # a number as a run writes it, without a sentence's full stop
DECLARED_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "ko": [
        (rf"Last epoch: loss {_N}, accuracy {_N}", r"마지막 에포크: 손실 \1, 정확도 \2"),
        (
            rf"Ran (\d+) epochs \(stopped_epoch (\d+), counted from 0\); the restored weights are epoch "
            rf"(\d+)'s: val_accuracy {_N}",
            r"\1 에포크를 실행했습니다 (stopped_epoch \2, 0부터 셈). 복원한 가중치는 에포크 \3의 것이고 "
            r"val_accuracy는 \4입니다",
        ),
        (
            r"SGDClassifier\((.*)\), cross_validate on ([\d,]+) flattened images / 255 \((\d+) folds\): "
            rf"mean test_score {_N}\. The book prints {_N} \(2nd edition\) and {_N} \(1st\)\.",
            r"SGDClassifier(\1)를 펼친 이미지 \2개 / 255에 cross_validate (폴드 \3개): 평균 test_score \4. "
            r"책은 \5(2판)와 \6(1판)을 출력합니다.",
        ),
    ]
}


def declared_text(text: str, lang: str) -> str:
    """A title or caption an experiment declared, in `lang` when translated.

    A caption that is a catalogued sentence followed by the run's numbers is translated in two parts:
    the sentence from the catalogue, the numbers' part by `DECLARED_PATTERNS`.
    """
    table = DECLARED.get(lang, {})
    if not table or text in table:
        return table.get(text, text)
    head = max((k for k in table if text.startswith(k + " ")), key=len, default=None)
    rest = text if head is None else text[len(head) + 1 :]
    for pattern, replacement in DECLARED_PATTERNS.get(lang, []):
        rest = re.sub(pattern, replacement, rest)
    return rest if head is None else f"{table[head]} {rest}"


def words(lang: str):
    """A function `say(key, **values)` for `lang`, falling back to English for a missing key."""
    table = TEXT.get(lang, TEXT["en"])

    def say(key: str, **values) -> str:
        template = table.get(key, TEXT["en"][key])
        return template.format(**values) if values else template

    say.lang = lang if lang in TEXT else "en"  # a value written differently per language (report/book.py)
    return say


# "Book vs this run" (report/book.py): each number the books print against this run, and the index's column.
TEXT["en"].update(
    {
        "book_vs_run": "Book vs this run",
        "book_metric": "metric (the book's cell)",
        "book_printed": "printed (edition)",
        "book_code_here": "book's code here",
        "book_this_run": "this run",
        "book_verdict": "verdict",
        "book_edition": "{edition} ed., Keras {keras}",
        "book_not_run": "not run here yet:",
        "book_recorded": "earlier runs here (BOOK_NUMBERS.md): {values}",
        "book_none": "no number in the book",
        "book_index_number": "{metric} {run} (book {book}): ",
        "ladder_measured": (
            "Each step's change in mean test accuracy, held against the larger std of its seeds and the step "
            "before's (a rough yardstick with few seeds):"
        ),
        "ladder_gain": "{step}. {variant}: {gain}, more than the spread ({spread}): a gain",
        "ladder_within": "{step}. {variant}: {gain}, within the spread ({spread}): not shown to help here",
        "ladder_fall": "{step}. {variant}: {gain}, a fall larger than the spread ({spread})",
        "book_chapter_notes": "The lecture notes",
        "verdict_identical_printed": "identical to the printed number",
        "verdict_identical_here": "identical to the book's code here",
        "verdict_within": "within the printed band ({difference} from the printed number)",
        "verdict_outside": (
            "outside the printed band: {difference} from the printed number, {beyond} past the band"
        ),
        "verdict_not_run": "not in this run",
        "verdict_short_identical": "identical",
        "verdict_short_identical_here": "identical to the book's code here",
        "retrained_continue_on_all": (
            "Test report of the best trial's model, trained further on all training images"
        ),
        "retrained_best_model": "Test report of the best trial's model",
        "search_intro_continue_on_all": (
            "{tuner} tried {completed} of {max_trials} trials, scoring each by its best {objective} "
            "({direction}). The best trial's model was then trained further on all the training images, "
            "validation ones included, as the book does, and evaluated once on the test set: the sections "
            "below report that model."
        ),
        "search_intro_best_model": (
            "{tuner} tried {completed} of {max_trials} trials, scoring each by its best {objective} "
            "({direction}). The best trial's model, as the search left it, was evaluated once on the test "
            "set: the sections below report that model."
        ),
        "search_vs_test_continue_on_all": (
            "Search score (validation) {search} vs test_accuracy {test} of the best trial's model trained on "
            "over all training images."
        ),
        "search_vs_test_best_model": (
            "Search score (validation) {search} vs test_accuracy {test} of the best trial's model."
        ),
        "book_search_compare": "Against the book's searches",
        "book_search_intro": (
            "This search beside 핸즈온 10.3's searches as the book runs them, each run here into the same "
            "results folder: the images it trains and validates on, its budget (trials, the most epochs a "
            "trial "
            "trains, and the epochs all trials trained together), the search's wall time on this machine, "
            "the "
            "best trial's val_accuracy and the test accuracy of the model each one kept."
        ),
        "book_search_data": "train / validation, inputs of the kept model",
        "book_search_trials": "trials",
        "book_search_epochs": "epochs per trial (at most)",
        "book_search_trained": "epochs trained, all trials",
        "book_search_wall": "search wall time",
        "book_search_missing": "Not run into this results folder yet:",
        "verdict_short_within": "within band ({difference})",
        "verdict_short_outside": "outside ({difference})",
        "book_band_rule": (
            "Identical: this run, rounded to the decimals the book prints, is the printed number of the "
            "edition "
            "listed first (the one whose code the experiment follows), or it equals the book's code run "
            "here to "
            "every digit recorded. The printed band runs from the lowest to the highest number recorded for "
            "the cell: what each edition prints and every run of the book's code on this machine (the column "
            "before, and the runs listed in shared/BOOK_NUMBERS.md). Within: this run lies in that band; "
            "outside: it does not, and the verdict says by how much. The band is how far the book's own "
            "numbers move between editions, Keras versions and runs, not a statistical interval."
        ),
    }
)
TEXT["ko"].update(
    {
        "book_vs_run": "책과 이번 실행 비교",
        "book_metric": "지표 (책의 셀)",
        "book_printed": "책에 나온 값 (판)",
        "book_code_here": "이 컴퓨터에서 돌린 책 코드",
        "book_this_run": "이번 실행",
        "book_verdict": "판정",
        "book_edition": "{edition}판, Keras {keras}",
        "book_not_run": "아직 여기서 돌리지 않았어요:",
        "book_recorded": "예전에 여기서 돌린 값 (BOOK_NUMBERS.md): {values}",
        "book_none": "책에 나온 숫자 없음",
        "book_index_number": "{metric} {run} (책 {book}): ",
        "ladder_measured": (
            "단계마다 평균 테스트 정확도의 변화를 그 단계와 앞 단계의 시드 표준편차 중 큰 값과 비교합니다 "
            "(시드가 적을 때의 대략적인 기준입니다):"
        ),
        "ladder_gain": "{step}. {variant}: {gain}, 편차({spread})보다 큼: 향상",
        "ladder_within": "{step}. {variant}: {gain}, 편차({spread}) 안: 여기서는 도움이 된다고 보이지 않음",
        "ladder_fall": "{step}. {variant}: {gain}, 편차({spread})보다 큰 하락",
        "book_chapter_notes": "강의 노트",
        "verdict_identical_printed": "책에 나온 값과 같음",
        "verdict_identical_here": "여기서 돌린 책 코드와 같음",
        "verdict_within": "책의 범위 안 (책 값과 {difference} 차이)",
        "verdict_outside": "책의 범위 밖: 책 값과 {difference} 차이, 범위에서 {beyond} 벗어남",
        "verdict_not_run": "이번 실행에 없음",
        "verdict_short_identical": "같음",
        "verdict_short_identical_here": "여기서 돌린 책 코드와 같음",
        "retrained_continue_on_all": "모든 훈련 이미지로 더 훈련한 최고 시도 모델의 테스트 결과",
        "retrained_best_model": "최고 시도 모델의 테스트 결과",
        "search_intro_continue_on_all": (
            "{tuner} 탐색에서 {max_trials}번 중 {completed}번을 시도했고, 각 시도를 가장 좋은 {objective}로 "
            "평가했습니다 ({direction}). 책처럼 가장 좋은 시도의 모델을 검증 이미지까지 포함한 모든 훈련 "
            "이미지로 더 훈련한 다음 테스트 세트로 한 번 평가했고, 아래 절들은 그 모델의 결과입니다."
        ),
        "search_intro_best_model": (
            "{tuner} 탐색에서 {max_trials}번 중 {completed}번을 시도했고, 각 시도를 가장 좋은 {objective}로 "
            "평가했습니다 ({direction}). 가장 좋은 시도의 모델을 탐색이 끝난 그대로 테스트 세트로 한 번 "
            "평가했고, 아래 절들은 그 모델의 결과입니다."
        ),
        "search_vs_test_continue_on_all": (
            "탐색 점수(검증) {search}, 모든 훈련 이미지로 더 훈련한 최고 시도 모델의 test_accuracy {test}."
        ),
        "search_vs_test_best_model": "탐색 점수(검증) {search}, 최고 시도 모델의 test_accuracy {test}.",
        "book_search_compare": "책의 탐색과 비교",
        "book_search_intro": (
            "이 탐색을 책이 돌리는 방식 그대로의 핸즈온 10.3 탐색들과 나란히 놓았습니다. 모두 이 "
            "컴퓨터에서 같은 결과 폴더에 돌린 것입니다: 훈련과 검증에 쓴 이미지, 예산(시도 수, 시도 하나가 "
            "최대로 훈련하는 에포크, 모든 시도가 훈련한 에포크 합), 탐색에 걸린 시간, 가장 좋은 시도의 "
            "val_accuracy, 각 탐색이 고른 모델의 테스트 정확도입니다."
        ),
        "book_search_data": "훈련 / 검증, 고른 모델의 입력",
        "book_search_trials": "시도 수",
        "book_search_epochs": "시도당 최대 에포크",
        "book_search_trained": "모든 시도의 에포크 합",
        "book_search_wall": "탐색 시간",
        "book_search_missing": "아직 이 결과 폴더에 돌리지 않았어요:",
        "verdict_short_within": "범위 안 ({difference})",
        "verdict_short_outside": "범위 밖 ({difference})",
        "book_band_rule": (
            "같음: 이번 실행 값을 책이 찍은 자릿수로 반올림했을 때 맨 위 판(이 실험이 따르는 판)의 값과 "
            "같거나, 여기서 돌린 책 코드의 값과 기록된 자릿수까지 모두 같으면 '같음'입니다. 책의 범위는 그 "
            "셀에 대해 기록된 숫자 중 가장 작은 값부터 가장 큰 값까지예요: 판마다 책에 나온 값과, 이 "
            "컴퓨터에서 책 코드를 돌린 모든 결과(앞 열과 shared/BOOK_NUMBERS.md에 적힌 실행)입니다. 이번 "
            "실행이 이 범위 안이면 '범위 안', 아니면 '범위 밖'이고 얼마나 벗어났는지 적었습니다. 이 범위는 "
            "판, Keras 버전, 실행에 따라 책의 숫자가 얼마나 움직이는지를 보여 줄 뿐, 통계적인 구간은 "
            "아닙니다."
        ),
    }
)
