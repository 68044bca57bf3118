"""Repository-wide pytest set-up: doctests print numpy scalars as plain numbers."""

import numpy as np

np.set_printoptions(legacy="1.25")
