package io.vineyard.plugin.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.plugin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** validate: the JSON texts are parsed, and every inconsistent tree is refused naming its field. */
class TensorTreeTest {
  final TensorPlugin plugin = new TensorPlugin();

  static ObjectMeta blob(long length) {
    return ObjectMeta.builder("vineyard::Blob")
        .put("id", "o8000000000000001")
        .put("length", length)
        .nbytes(length)
        .build();
  }

  /** A consistent 2x4 float64 tree, to be spoiled one field at a time. */
  static ObjectMeta.Builder good() {
    return ObjectMeta.builder("vineyard::Tensor<double>")
        .put("value_type_", "float64")
        .put("value_type_meta_", "<f8")
        .put("shape_", "[2, 4]")
        .put("order_", "\"C\"")
        .put("partition_index_", "[]")
        .nbytes(64)
        .member("buffer_", blob(64));
  }

  void refused(ObjectMeta meta, String field, String... alsoMentions) {
    VineyardException.Invalid e =
        assertThrows(VineyardException.Invalid.class, () -> plugin.validate(meta), meta::toString);
    assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    for (String s : alsoMentions) {
      assertTrue(e.getMessage().contains(s), e.getMessage());
    }
  }

  @Test
  void parsesTheJsonTextsNotTheirSpelling() {
    plugin.validate(good().build());
    TensorTree t = TensorTree.parse(good().put("shape_", "[2,4]").put("order_", " \"F\" ").build());
    assertArrayEquals(new long[] {2, 4}, t.shape());
    assertEquals(Tensor.Order.F, t.order());
    // a field that is already JSON (not text) is read too
    ObjectMeta raw = good().build().toBuilder().put("shape_", java.util.List.of(8)).build();
    assertArrayEquals(new long[] {8}, TensorTree.parse(raw).shape());
  }

  @Test
  void optionalFieldsOfOtherWriters() {
    // vineyard's C++ Tensor writes no order_ and no value_type_meta_
    ObjectMeta cpp =
        ObjectMeta.builder("vineyard::Tensor<int>")
            .put("value_type_", "int32")
            .put("shape_", "[3]")
            .put("partition_index_", "[]")
            .nbytes(12)
            .member("buffer_", blob(12))
            .build();
    assertEquals(Tensor.Order.C, TensorTree.parse(cpp).order());
  }

  @Test
  void elementTypes() {
    refused(good().put("typename", "vineyard::Tensor<complex64>").build(), "typename");
    refused(good().put("typename", "vineyard::Tensor").build(), "typename");
    refused(good().build().toBuilder().remove("value_type_").build(), "value_type_", "missing");
    refused(good().put("value_type_", "float128").build(), "value_type_", "float128");
    refused(good().put("value_type_", "int64").build(), "value_type_", "int64", "double");
    refused(good().put("value_type_meta_", ">f8").build(), "value_type_meta_", ">f8", "<f8");
  }

  @Test
  void shapes() {
    refused(good().build().toBuilder().remove("shape_").build(), "shape_", "missing");
    refused(good().put("shape_", "[2, 4").build(), "shape_", "JSON");
    refused(good().put("shape_", "[2, 4] [1]").build(), "shape_");
    refused(good().put("shape_", "[2, -4]").build(), "shape_", "non-negative");
    refused(good().put("shape_", "[2.5, 4]").build(), "shape_");
    refused(good().put("shape_", "{\"a\": 1}").build(), "shape_");
    refused(good().put("shape_", "\"2x4\"").build(), "shape_");
    refused(good().put("shape_", "[4611686018427387904, 4]").build(), "shape_", "overflow");
  }

  @Test
  void orders() {
    refused(good().put("order_", "\"X\"").build(), "order_", "\"C\" or \"F\"");
    refused(good().put("order_", "C").build(), "order_", "JSON");
    refused(good().put("order_", "[\"C\"]").build(), "order_");
  }

  @Test
  void partitionIndexMustBeAList() {
    refused(good().put("partition_index_", "7").build(), "partition_index_");
  }

  @Test
  void bufferMustBeABlobOfTheShapesSize() {
    refused(good().build().toBuilder().remove("buffer_").build(), "buffer_", "nothing");
    ObjectMeta notABlob =
        ObjectMeta.builder("vineyard::Array<double>").put("id", "o0000000000000001").build();
    refused(good().member("buffer_", notABlob).build(), "buffer_", "vineyard::Blob");
    ObjectMeta noLength =
        ObjectMeta.builder("vineyard::Blob").put("id", "o8000000000000001").build();
    refused(good().member("buffer_", noLength).build(), "buffer_.length");
    refused(good().member("buffer_", blob(56)).build(), "shape_", "[2, 4]", "64", "56");
    refused(good().put("shape_", "[]").build(), "shape_", "8", "64");
  }

  @Test
  void messagesNameTheObject() {
    ObjectMeta m = good().put("id", "o0000000000000abc").put("order_", "\"Z\"").build();
    VineyardException.Invalid e =
        assertThrows(VineyardException.Invalid.class, () -> plugin.validate(m));
    assertTrue(
        e.getMessage().startsWith("vineyard::Tensor<double> o0000000000000abc: field 'order_'"),
        e.getMessage());
  }
}
