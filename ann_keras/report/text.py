"""The words of the pages, in English and Korean.

Metric names stay as Keras writes them (loss, val_accuracy, test_accuracy) in
both languages; the words around them are translated.
"""

from __future__ import annotations

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
        "search_intro": "{tuner} tried {completed} of {max_trials} trials, scoring each by its best "
        "{objective} ({direction}). The best trial was retrained and evaluated once on the "
        "test set: the sections below report that model.",
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
        "best trial.",
        "best_trial_curves": "Curves of the best trial during the search (best_trial_history.csv).",
        "trial_scores": "Score of each trial",
        "trial_scores_caption": "Each trial's best score in the order the trials were created, and the best "
        "score so far (trials.csv).",
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
        "analysis": "This experiment trains no model; its results are the sections below.",
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
        "at_epoch": "{epoch} 에포크",
        "epochs_run": "실행한 에포크",
        "of_planned": "계획 {planned} 에포크 중",
        "stopped_early": "조기 종료가 {epochs} 에포크에서 멈추고 {evaluated} 에포크의 가중치를 복원했습니다",
        "ran_all": "계획한 에포크를 모두 실행했습니다",
        "wall_time": "걸린 시간",
        "train_time": "그중 훈련 {time}",
        "params": "파라미터",
        "diverged_title": "발산",
        "diverged": (
            "학습률 {lr}에서 {epoch} 에포크에 훈련이 발산했습니다 (손실이 NaN이나 무한대가 됨). 이 모델의 "
            "수치는 결과가 아닙니다."
        ),
        "diverged_short": "{epoch} 에포크에서 발산 (학습률 {lr})",
        "lr_default": "{optimizer}의 기본값",
        "learning_curves": "학습 곡선",
        "learning_curves_caption": (
            "에포크마다 훈련 데이터(loss, accuracy)와 검증 데이터(val_loss, val_accuracy)에서 잰 손실과 "
            "정확도입니다."
        ),
        "restored_caption": "점선은 조기 종료가 가중치를 복원하고 테스트 세트로 평가한 {epoch} 에포크입니다.",
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
            "{tuner}가 최대 {max_trials}번 중 {completed}번 시도했고, 각 시도를 가장 좋은 {objective}로 "
            "평가했습니다 "
            "({direction}). 가장 좋은 시도를 다시 훈련해 테스트 세트로 한 번 평가했으며, 아래 절들은 그 "
            "모델의 결과입니다."
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
        "scores_caption": "완료된 시도마다 하이퍼파라미터 값과 점수입니다. 별은 가장 좋은 시도입니다.",
        "best_trial_curves": "탐색 중 가장 좋은 시도의 학습 곡선 (best_trial_history.csv)입니다.",
        "trial_scores": "시도별 점수",
        "trial_scores_caption": (
            "만들어진 순서대로 각 시도의 가장 좋은 점수와 그때까지의 최고 점수입니다 (trials.csv)."
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
        "analysis": "이 실험은 모델을 훈련하지 않습니다. 결과는 아래 절에 있습니다.",
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
    },
}


def words(lang: str):
    """A function `say(key, **values)` for `lang`, falling back to English for a missing key."""
    table = TEXT.get(lang, TEXT["en"])

    def say(key: str, **values) -> str:
        template = table.get(key, TEXT["en"][key])
        return template.format(**values) if values else template

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
        "book_chapter_notes": "The lecture notes",
        "verdict_identical_printed": "identical to the printed number",
        "verdict_identical_here": "identical to the book's code here",
        "verdict_within": "within the printed band ({difference} from the printed number)",
        "verdict_outside": (
            "outside the printed band: {difference} from the printed number, {beyond} past the band"
        ),
        "verdict_not_run": "not in this run",
        "verdict_short_identical": "identical",
        "retrained_continue_on_all": (
            "Test report of the best trial's model, trained on over all training images"
        ),
        "retrained_best_model": "Test report of the best trial's model",
        "search_intro_continue_on_all": (
            "{tuner} tried {completed} of {max_trials} trials, scoring each by its best {objective} "
            "({direction}). The best trial's model was then trained on over all the training images, "
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
        "book_edition": "{number}판, Keras {keras}",
        "book_not_run": "아직 여기서 돌리지 않았어요:",
        "book_recorded": "예전에 여기서 돌린 값 (BOOK_NUMBERS.md): {values}",
        "book_none": "책에 나온 숫자 없음",
        "book_chapter_notes": "강의 노트",
        "verdict_identical_printed": "책에 나온 값과 같음",
        "verdict_identical_here": "여기서 돌린 책 코드와 같음",
        "verdict_within": "책의 범위 안 (책 값과 {difference} 차이)",
        "verdict_outside": "책의 범위 밖: 책 값과 {difference} 차이, 범위에서 {beyond} 벗어남",
        "verdict_not_run": "이번 실행에 없음",
        "verdict_short_identical": "같음",
        "retrained_continue_on_all": "모든 훈련 이미지로 더 훈련한 최고 시도 모델의 테스트 결과",
        "retrained_best_model": "최고 시도 모델의 테스트 결과",
        "search_intro_continue_on_all": (
            "{tuner}가 {max_trials}번 중 {completed}번 시도했고, 각 시도를 가장 좋은 {objective}로 "
            "평가했습니다 ({direction}). 책처럼 가장 좋은 시도의 모델을 검증 이미지까지 포함한 모든 훈련 "
            "이미지로 더 훈련한 다음 테스트 세트로 한 번 평가했고, 아래 절들은 그 모델의 결과입니다."
        ),
        "search_intro_best_model": (
            "{tuner}가 {max_trials}번 중 {completed}번 시도했고, 각 시도를 가장 좋은 {objective}로 "
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
