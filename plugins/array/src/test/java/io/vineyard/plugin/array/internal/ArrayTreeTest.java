package io.vineyard.plugin.array.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import org.junit.jupiter.api.Test;

/** validate: every inconsistent tree is refused with a message naming its field. */
class ArrayTreeTest {
  final ArrayPlugin plugin = new ArrayPlugin();

  static ObjectMeta blob(long length) {
    return ObjectMeta.builder("vineyard::Blob")
        .put("id", "o8000000000000001")
        .put("length", length)
        .nbytes(length)
        .build();
  }

  static ObjectMeta.Builder array(String typename, long size, ObjectMeta buffer) {
    return ObjectMeta.builder(typename)
        .put("size_", size)
        .nbytes(size * 8)
        .member("buffer_", buffer);
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
  void acceptsConsistentTrees() {
    plugin.validate(array("vineyard::Array<double>", 4, blob(32)).build());
    plugin.validate(array("vineyard::Array<int32_t>", 4, blob(16)).build());
    plugin.validate(array("vineyard::Array<bool>", 0, blob(0)).build());
    // some writers store numbers as text
    plugin.validate(
        ObjectMeta.builder("vineyard::Array<uint8>")
            .put("size_", "3")
            .member("buffer_", blob(3))
            .build());
    assertEquals(
        ElementType.INT32,
        ArrayTree.parse(array("vineyard::Array<int>", 1, blob(4)).build()).type());
  }

  @Test
  void unknownElementTypesNameTheTypename() {
    refused(array("vineyard::Array<complex128>", 4, blob(64)).build(), "typename", "double");
    refused(array("vineyard::Array", 4, blob(32)).build(), "typename");
    refused(array("vineyard::Array<double", 4, blob(32)).build(), "typename");
  }

  @Test
  void badSizesNameSize() {
    refused(
        ObjectMeta.builder("vineyard::Array<double>").member("buffer_", blob(32)).build(),
        "size_",
        "nothing");
    refused(array("vineyard::Array<double>", -1, blob(32)).build(), "size_", "-1");
    refused(
        ObjectMeta.builder("vineyard::Array<double>")
            .put("size_", "four")
            .member("buffer_", blob(32))
            .build(),
        "size_");
    refused(
        ObjectMeta.builder("vineyard::Array<double>")
            .put("size_", true)
            .member("buffer_", blob(32))
            .build(),
        "size_");
    refused(
        array("vineyard::Array<double>", Long.MAX_VALUE / 2, blob(32)).build(),
        "size_",
        "overflow");
  }

  @Test
  void sizeAndBlobLengthMustAgree() {
    refused(array("vineyard::Array<double>", 5, blob(32)).build(), "size_", "5", "40", "32");
    refused(array("vineyard::Array<int16>", 4, blob(4)).build(), "size_", "8", "4");
  }

  @Test
  void bufferMustBeABlobMember() {
    refused(
        ObjectMeta.builder("vineyard::Array<double>").put("size_", 4L).build(),
        "buffer_",
        "nothing");
    refused(
        ObjectMeta.builder("vineyard::Array<double>")
            .put("size_", 4L)
            .put("buffer_", "o8000000000000001")
            .build(),
        "buffer_");
    ObjectMeta notABlob =
        ObjectMeta.builder("vineyard::Array<double>")
            .put("id", "o0000000000000001")
            .put("size_", 4L)
            .build();
    refused(array("vineyard::Array<double>", 4, notABlob).build(), "buffer_", "vineyard::Blob");
    ObjectMeta noLength =
        ObjectMeta.builder("vineyard::Blob").put("id", "o8000000000000001").nbytes(32).build();
    refused(array("vineyard::Array<double>", 4, noLength).build(), "buffer_.length");
  }

  @Test
  void messagesNameTheObject() {
    ObjectMeta m =
        array("vineyard::Array<double>", 5, blob(32)).put("id", "o0000000000000abc").build();
    VineyardException.Invalid e =
        assertThrows(VineyardException.Invalid.class, () -> plugin.validate(m));
    assertTrue(
        e.getMessage().startsWith("vineyard::Array<double> o0000000000000abc: "), e.getMessage());
  }
}
