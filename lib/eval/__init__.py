"""Evaluation harness: our extractors on public benchmarks and the hand-made dev set.

``python -m lib.eval newsquant|te3|modern_dev|all [--shared DIR]`` prints precision, recall and F1
per metric next to the published numbers. The data is read from ``../shared`` (beside the clone)
and never copied into the repository; without it the command says so and exits 0. It is a report,
not a test: nothing here fails a build.

Development is on odd-numbered NewsQuant sentences and TE3 documents; the even half is reported
separately (a gap of more than 3 points between the halves says the rules fit the benchmark).
"""
