# Writes the .npy fixtures NpyTest compares against, with NumPy itself (run: python3 make-fixtures.py).
# Made with numpy 2.4.6; numpy.save writes format 1.0 for these small headers.
import numpy as np

np.save("int32-2x3.npy", np.array([[0, 1, -1], [2147483647, -2147483648, 42]], dtype="<i4"))
np.save("float32-4.npy", np.array([0.0, -1.5, 3.25, 1e-38], dtype="<f4"))
np.save("float32-0x5.npy", np.zeros((0, 5), dtype="<f4"))
np.save("int32-1x2x2.npy", np.arange(4, dtype="<i4").reshape(1, 2, 2))
