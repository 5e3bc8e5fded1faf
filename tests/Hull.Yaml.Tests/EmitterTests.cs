namespace Hull.Yaml.Tests;

public sealed class EmitterTests
{
    private static string Scalar(object? v) => YamlEmitter.FormatScalar(v);

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("", "\"\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("2001-01-01", "\"2001-01-01\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData(".inf", "\".inf\"")]
    public void StringsThatWouldResolveAreDoubleQuoted(string s, string expected) => Assert.Equal(expected, Scalar(s));

    [Theory]
    [InlineData("a: b", "'a: b'")]
    [InlineData("key:", "'key:'")]
    [InlineData("@foo blah bar", "'@foo blah bar'")]
    [InlineData("#x", "'#x'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("- a", "'- a'")]
    [InlineData("-", "'-'")]
    [InlineData(" lead", "' lead'")]
    [InlineData("trail ", "'trail '")]
    [InlineData("*ref", "'*ref'")]
    [InlineData("it's: x", "'it''s: x'")]
    [InlineData("---x", "'---x'")]
    [InlineData("[a]", "'[a]'")]
    [InlineData("{a}", "'{a}'")]
    [InlineData("%x", "'%x'")]
    public void IndicatorsAreSingleQuoted(string s, string expected) => Assert.Equal(expected, Scalar(s));

    [Theory]
    [InlineData("a:b")]
    [InlineData("a#b")]
    [InlineData("-a")]
    [InlineData("a,b")]
    [InlineData("apps/v1")]
    [InlineData("1e3")]
    [InlineData("hello world")]
    [InlineData("a'b")]
    [InlineData("ünïcödé")]
    public void PlainStrings(string s) => Assert.Equal(s, Scalar(s));

    [Theory]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("cr\r", "\"cr\\r\"")]
    [InlineData("bell\a", "\"bell\\a\"")]
    [InlineData("nul\0", "\"nul\\0\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("😀", "\"\\U0001F600\"")]
    [InlineData("\u0085", "\"\\N\"")]
    [InlineData("a\"b\\c\tx", "\"a\\\"b\\\\c\\tx\"")]
    public void SpecialCharactersAreDoubleQuotedWithEscapes(string s, string expected) => Assert.Equal(expected, Scalar(s));

    [Fact]
    public void MultilineStringsUseLiteralBlocks()
    {
        Assert.Equal("a: |-\n  x\n  y\n", YamlEmitter.Emit(Map(("a", "x\ny"))));
        Assert.Equal("a: |\n  x\n  y\n", YamlEmitter.Emit(Map(("a", "x\ny\n"))));
        Assert.Equal("a: |+\n  x\n\n", YamlEmitter.Emit(Map(("a", "x\n\n"))));
        Assert.Equal("a: |2-\n   x\n  y\n", YamlEmitter.Emit(Map(("a", " x\ny"))));
        Assert.Equal("a: |-\n  x\n\n  y\n", YamlEmitter.Emit(Map(("a", "x\n\ny"))));
        // trailing space or a space before a break rules out block style
        Assert.Equal("a: \"x \\ny\"\n", YamlEmitter.Emit(Map(("a", "x \ny"))));
        Assert.Equal("a: \"x\\ny \"\n", YamlEmitter.Emit(Map(("a", "x\ny "))));
        Assert.Equal("|-\n  x\n  y\n", YamlEmitter.Emit("x\ny"));
    }

    [Fact]
    public void LongStringsAreNotFolded()
    {
        // ytt's go-yaml fork initialises its emitter with best_width -1 (go-yaml v2.3.0's default): no 80-column folding.
        var s = string.Join(' ', Enumerable.Repeat("word", 50));
        Assert.Equal("a: " + s + "\n", YamlEmitter.Emit(Map(("a", s))));
    }

    [Fact]
    public void BlockLayout()
    {
        var doc = Map(
            ("k", Map(("a", 1L), ("b", Arr("x", Map(("c", 2L), ("d", Arr("y"))), Arr("z", "w"))))),
            ("e", new Map()),
            ("f", new YamlArray()),
            ("nil", null),
            ("n", "x"),
            ("t", true));
        Assert.Equal(
            "k:\n  a: 1\n  b:\n  - x\n  - c: 2\n    d:\n    - \"y\"\n  - - z\n    - w\ne: {}\nf: []\nnil: null\n\"n\": x\nt: true\n",
            YamlEmitter.Emit(doc));
    }

    [Fact]
    public void NonStringKeys()
    {
        Assert.Equal("str: a\n4: b\ntrue: c\nnull: d\n1.5: e\n\"\": f\n\"4\": g\n",
            YamlEmitter.Emit(Map(("str", "a"), (4L, "b"), (true, "c"), (null, "d"), (1.5, "e"), ("", "f"), ("4", "g"))));
    }

    [Fact]
    public void MultilineAndLongKeysUseTheComplexForm()
    {
        Assert.Equal("? |-\n  a\n  b\n: 1\n", YamlEmitter.Emit(Map(("a\nb", 1L))));
        var longKey = new string('k', 129);
        Assert.Equal("? " + longKey + "\n: 1\n", YamlEmitter.Emit(Map((longKey, 1L))));
    }

    [Theory]
    [InlineData(123.123, "123.123")]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(1.0, "1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(double.PositiveInfinity, ".inf")]
    [InlineData(double.NegativeInfinity, "-.inf")]
    [InlineData(double.NaN, ".nan")]
    public void FloatsAsGoYaml(double d, string expected) => Assert.Equal(expected, Scalar(d));

    [Fact]
    public void DocumentsSkipEmptyOnesAndSeparate()
    {
        var set = YamlParser.Parse("a: 1\n---\n---\n{}\n---\nb\n---\n[]\n", "f.yml");
        Assert.Equal("a: 1\n---\nb\n", YamlEmitter.EmitDocuments(set.Items));
    }

    [Fact]
    public void RoundTripKeepsOrder()
    {
        var text = "zzz: 123\naaa: 124\nlist:\n- a\n- b: c\n  d: e\n";
        Assert.Equal(text, YamlEmitter.EmitDocuments(YamlParser.Parse(text, "x").Items));
    }

    internal static Map Map(params (object? Key, object? Value)[] items) => new(items.Select(i => new MapItem(i.Key, i.Value)));

    internal static YamlArray Arr(params object?[] items) => new(items.Select(i => new ArrayItem(i)));
}
