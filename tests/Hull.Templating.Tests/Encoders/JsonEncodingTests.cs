using Hull.Templating.Encoders;
using Hull.Templating.Values;

namespace Hull.Templating.Tests.Encoders;

public sealed class JsonEncodingTests
{
    [Fact]
    public void EncodesLikeGo()
    {
        var m = new PlainMap { new("b", "str"), new("a", new List<object?> { 1L, 2.5, true, null, "<&>" }) };
        Assert.Equal("{\"a\":[1,2.5,true,null,\"\\u003c\\u0026\\u003e\"],\"b\":\"str\"}", JsonEncoding.Encode(m));
    }

    [Fact]
    public void IndentsLikeMarshalIndent()
    {
        var m = new PlainMap { new("a", new List<object?> { 1L }) };
        Assert.Equal("{\n    \"a\": [\n        1\n    ]\n}", JsonEncoding.Encode(m, 4));
    }

    [Fact]
    public void DecodeKeepsOrderAndReportsGoErrors()
    {
        var m = Assert.IsType<PlainMap>(JsonEncoding.Decode("{\"z\":1,\"a\":[1.5,\"x\"]}"));
        Assert.Equal("z", m[0].Key);
        var ex = Assert.Throws<TemplateException>(() => JsonEncoding.Decode("}junk"));
        Assert.Equal("invalid character '}' looking for beginning of value", ex.Message);
    }

    [Theory]
    [InlineData(123.123, "123.123")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(100.0, "100")]
    public void FloatsFormatLikeEncodingJson(double f, string want) => Assert.Equal(want, JsonEncoding.Encode(f));
}
