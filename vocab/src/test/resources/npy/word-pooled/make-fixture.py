# Writes the word-pooled batch WordPooledArraysTest compares against, with NumPy itself
# (run here: python3 make-fixture.py). Made with numpy 2.4.6.
#
# The batch is ["ab cde,", "x"] encoded with UTF-8 byte units, max units 3, one reserved slot,
# worked out by hand: pad id 256, slot id 257; words "ab", " cde" (4 bytes: a row of 3 and a
# continuation row of 1), "," for the first text, "x" for the second, padded to 4 rows.
import os
import numpy as np

PAD, SLOT = 256, 257
ids = np.array(
    [
        [[SLOT, 97, 98, PAD], [SLOT, 32, 99, 100], [SLOT, 101, PAD, PAD], [SLOT, 44, PAD, PAD]],
        [[SLOT, 120, PAD, PAD], [PAD] * 4, [PAD] * 4, [PAD] * 4],
    ],
    dtype="<i4",
)
lengths = np.array([[2, 3, 1, 1], [1, 0, 0, 0]], dtype="<i4")
continuation = np.array([[0, 0, 1, 0], [0, 0, 0, 0]], dtype="<i4")
mask = np.array([[1, 1, 1, 1], [1, 0, 0, 0]], dtype="<i4")

os.makedirs("batch", exist_ok=True)
for name, array in [("ids", ids), ("lengths", lengths), ("continuation", continuation), ("mask", mask)]:
    np.save(os.path.join("batch", name + ".npy"), array)
