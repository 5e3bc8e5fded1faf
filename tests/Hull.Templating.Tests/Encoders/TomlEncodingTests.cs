using Hull.Templating.Encoders;
using Hull.Templating.Values;

namespace Hull.Templating.Tests.Encoders;

public sealed class TomlEncodingTests
{
    [Fact]
    public void PlainKeysFirstThenSortedTables()
    {
        var frag = new PlainMap { new("fragment", new List<object?> { "piece1", "piece2" }) };
        var m = new PlainMap { new("inside_map", frag), new("inside_array", new List<object?> { frag }) };
        Assert.Equal("[[inside_array]]\n  fragment = [\"piece1\", \"piece2\"]\n\n[inside_map]\n  fragment = [\"piece1\", \"piece2\"]\n", TomlEncoding.Encode(m));
    }

    [Fact]
    public void DecodesArraysOfTables()
    {
        var m = Assert.IsType<PlainMap>(TomlEncoding.Decode("a = [1, 2]\nb = \"str\"\n[[stuff]]\nx = 1\n[[stuff]]\ny = 2\n"));
        Assert.Equal(new object?[] { "a", "b", "stuff" }, m.Select(kv => kv.Key).ToArray());
        var stuff = Assert.IsType<List<object?>>(m[2].Value);
        Assert.Equal(2, stuff.Count);
    }
}
