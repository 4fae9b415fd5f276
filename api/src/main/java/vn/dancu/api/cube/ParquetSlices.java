package vn.dancu.api.cube;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cuboid partitions written by the engine into {@link CuboidSlice}s, with parquet-hadoop and no Spark.
 * Integer columns (age, size) are read as their decimal text so that every dimension is a code.
 */
public final class ParquetSlices
{
    private final Configuration configuration = new Configuration();

    /**
     * @param files       the partition's Parquet files
     * @param dimensions  (name, column) of the cuboid's dimensions
     * @param measures    (name, column) of the measures
     */
    public CuboidSlice read(List<java.nio.file.Path> files, List<Map.Entry<String, String>> dimensions, List<Map.Entry<String, String>> measures)
    {
        List<Map<String, Integer>> dictionaryIndexes = new ArrayList<>();
        List<List<String>> dictionaries = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            dictionaryIndexes.add(new HashMap<>());
            dictionaries.add(new ArrayList<>());
        }
        IntColumns codes = new IntColumns(dimensions.size());
        LongColumns values = new LongColumns(measures.size());
        for (java.nio.file.Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(file.toUri())).withConf(configuration).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    GroupType type = row.getType();
                    int[] rowCodes = new int[dimensions.size()];
                    for (int d = 0; d < dimensions.size(); d++) {
                        String value = text(row, type, dimensions.get(d).getValue());
                        Map<String, Integer> index = dictionaryIndexes.get(d);
                        Integer code = index.get(value);
                        if (code == null) {
                            code = dictionaries.get(d).size();
                            index.put(value, code);
                            dictionaries.get(d).add(value);
                        }
                        rowCodes[d] = code;
                    }
                    long[] rowValues = new long[measures.size()];
                    for (int m = 0; m < measures.size(); m++) {
                        String column = measures.get(m).getValue();
                        rowValues[m] = row.getFieldRepetitionCount(column) == 0 ? 0 : row.getLong(column, 0);
                    }
                    codes.add(rowCodes);
                    values.add(rowValues);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read cube file " + file, e);
            }
        }
        List<String[]> dictionaryArrays = dictionaries.stream().map(list -> list.toArray(String[]::new)).toList();
        return new CuboidSlice(dimensions.stream().map(Map.Entry::getKey).toList(), dictionaryArrays, codes.columns(),
                measures.stream().map(Map.Entry::getKey).toList(), values.columns(), codes.size());
    }

    private static String text(Group row, GroupType type, String column)
    {
        if (row.getFieldRepetitionCount(column) == 0) {
            return "";
        }
        Type field = type.getType(column);
        PrimitiveType.PrimitiveTypeName primitive = field.asPrimitiveType().getPrimitiveTypeName();
        return switch (primitive) {
            case INT32 -> Integer.toString(row.getInteger(column, 0));
            case INT64 -> Long.toString(row.getLong(column, 0));
            default -> row.getString(column, 0);
        };
    }

    private static final class IntColumns
    {
        private final int width;
        private int[][] data;
        private int size;

        IntColumns(int width)
        {
            this.width = width;
            this.data = new int[width][1024];
        }

        void add(int[] row)
        {
            if (width > 0 && size == data[0].length) {
                grow();
            }
            for (int i = 0; i < width; i++) {
                data[i][size] = row[i];
            }
            size++;
        }

        private void grow()
        {
            for (int i = 0; i < width; i++) {
                data[i] = java.util.Arrays.copyOf(data[i], data[i].length * 2);
            }
        }

        int size()
        {
            return size;
        }

        List<int[]> columns()
        {
            List<int[]> columns = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                columns.add(java.util.Arrays.copyOf(data[i], size));
            }
            return columns;
        }
    }

    private static final class LongColumns
    {
        private final int width;
        private long[][] data;
        private int size;

        LongColumns(int width)
        {
            this.width = width;
            this.data = new long[width][1024];
        }

        void add(long[] row)
        {
            if (width > 0 && size == data[0].length) {
                for (int i = 0; i < width; i++) {
                    data[i] = java.util.Arrays.copyOf(data[i], data[i].length * 2);
                }
            }
            for (int i = 0; i < width; i++) {
                data[i][size] = row[i];
            }
            size++;
        }

        List<long[]> columns()
        {
            List<long[]> columns = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                columns.add(java.util.Arrays.copyOf(data[i], size));
            }
            return columns;
        }
    }
}
