package dev.toksmith.vocab.glyphs;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which a cell's pixels become the columns of an embedding row.
 *
 * <pre>{@code
 * int[] columns = PixelOrder.POLAR.pixels(16); // columns[0] is a pixel next to the cell's centre
 * }</pre>
 */
public enum PixelOrder {
  /** Row by row from the top left. */
  RASTER,
  /**
   * From the centre outwards, as the reference's polar order: by distance of the pixel's centre from
   * the cell's centre, and at equal distance clockwise from 12 o'clock.
   */
  POLAR;

  /** For each column of the row, the index {@code y * cell + x} of the pixel it takes. */
  public int[] pixels(int cell) {
    Integer[] order = new Integer[cell * cell];
    for (int i = 0; i < order.length; i++) order[i] = i;
    if (this == POLAR) {
      double centre = (cell - 1) / 2.0;
      Comparator<Integer> byDistance = Comparator.comparingDouble(i -> {
        double dx = i % cell - centre;
        double dy = i / cell - centre;
        return dx * dx + dy * dy;
      });
      Arrays.sort(order, byDistance.thenComparingDouble(i -> {
        double angle = Math.atan2(i % cell - centre, centre - i / cell);
        return angle < 0 ? angle + 2 * Math.PI : angle;
      }));
    }
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
