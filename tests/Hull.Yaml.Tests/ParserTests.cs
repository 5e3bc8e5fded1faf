namespace Hull.Yaml.Tests;

public sealed class ParserTests
{
    private static object? Value(string text) => YamlParser.Parse(text, "t.yml").Items[0].Value;

    private static Map MapOf(string text) => Assert.IsType<Map>(Value(text));

    [Theory]
    [InlineData("a: [a\nb: 1\n", "yaml: line 1: did not find expected ',' or ']'")]
    [InlineData("x: 1\na: {b: c\n  d: e\n", "yaml: line 2: did not find expected ',' or '}'")]
    public void AFlowCollectionLeftOpenAcrossLinesIsAnErrorAtItsStartAsLibyamlSays(string text, string message)
    {
        // YamlDotNet's scanner throws InvalidOperationException here; it must reach the user as a YAML error.
        var e = Assert.Throws<YamlException>(() => Value(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void StreamWithoutMarkerIsOneDocument()
    {
        var set = YamlParser.Parse("a: 1\nb: 2\n", "t.yml");
        Assert.Single(set.Items);
        Assert.Equal(new Position("t.yml", 1), set.Items[0].Position);
    }

    [Fact]
    public void EmptyTextIsOneNullDocument()
    {
        var set = YamlParser.Parse("", "t.yml");
        Assert.Single(set.Items);
        Assert.Null(set.Items[0].Value);
    }

    [Fact]
    public void MultipleDocumentsWithPositions()
    {
        var set = YamlParser.Parse("---\na: 1\n---\nb: 2\n---\n", "t.yml");
        Assert.Equal(3, set.Items.Count);
        Assert.Equal([1, 3, 5], set.Items.Select(d => d.Position.Line));
        Assert.Null(set.Items[2].Value);
    }

    [Fact]
    public void ItemPositions()
    {
        var m = MapOf("a: 1\nb:\n  - x\n  -\n    c: 2\n  - [p, q]\n");
        Assert.Equal(1, m.Items[0].Position.Line);
        Assert.Equal(2, m.Items[1].Position.Line);
        var arr = Assert.IsType<YamlArray>(m.Items[1].Value);
        Assert.Equal([3, 4, 6], arr.Items.Select(i => i.Position.Line));
        Assert.Equal(5, ((Map)arr.Items[1].Value!).Items[0].Position.Line);
        Assert.Equal(2, arr.Position.Line); // collections take their parent's position
        Assert.Equal("t.yml:3", arr.Items[0].Position.AsCompactString());
    }

    [Fact]
    public void QuotedAndTaggedScalars()
    {
        var m = MapOf("a: \"123\"\nb: '1.5'\nc: !!str 123\nd: !!int \"7\"\ne: !!float 1\nf: |\n  x\ng: !!binary aGk=\nh: !custom 5\n");
        Assert.Equal(["123", "1.5", "123", 7L, 1.0, "x\n", "hi", "5"], m.Items.Select(i => i.Value));
    }

    [Fact]
    public void TagMismatchIsAnError()
    {
        var e = Assert.Throws<YamlException>(() => Value("a: !!int abc\n"));
        Assert.Equal("yaml: cannot decode !!str `abc` as a !!int", e.Message);
    }

    [Fact]
    public void AnchorsAliasesAndMergeKeys()
    {
        var m = MapOf("base: &b\n  x: 1\n  w: 2\nref: *b\nmerged:\n  <<: *b\n  z: 3\nscalar: &s hello\nagain: *s\nlist:\n  <<: [{p: 1}, {q: 2}]\n");
        var merged = (Map)m.Find("merged")!.Value!;
        Assert.Equal(["x", "w", "z"], merged.Items.Select(i => i.Key));
        Assert.Equal(2, merged.Items[0].Position.Line); // merged items keep their source lines
        Assert.NotSame(m.Find("base")!.Value, m.Find("ref")!.Value);
        Assert.Equal("hello", m.Find("again")!.Value);
        Assert.Equal(["p"], ((Map)m.Find("list")!.Value!).Items.Select(i => i.Key));
    }

    [Fact]
    public void UnknownAnchorIsAnError()
    {
        var e = Assert.Throws<YamlException>(() => Value("a: *nope\n"));
        Assert.Equal("yaml: unknown anchor 'nope' referenced", e.Message);
    }

    [Fact]
    public void MergeOfScalarIsAnError() =>
        Assert.Throws<YamlException>(() => Value("a:\n  <<: 1\n"));

    [Fact]
    public void NonStringKeysAndDuplicatesAreKept()
    {
        var m = MapOf("4: a\ntrue: b\n~: c\nx: 1\nx: 2\n");
        Assert.Equal([4L, true, null, "x", "x"], m.Items.Select(i => i.Key));
        Assert.Equal(2L, m.Find("x")!.Value);
    }

    [Fact]
    public void SyntaxErrorsNameTheLine()
    {
        var e = Assert.Throws<YamlException>(() => Value("apiVersion: @123\n"));
        Assert.Equal("yaml: line 1: found character that cannot start any token", e.Message);
        var e2 = Assert.Throws<YamlException>(() => Value("a: 1\nb: \"unclosed\n"));
        Assert.StartsWith("yaml: line ", e2.Message);
        Assert.Equal("t.yml", e2.Position.File);
    }

    [Fact]
    public void ByteOrderMarkIsIgnored() => Assert.Equal("a", MapOf("\uFEFFa: 1\n").Items[0].Key);

    [Fact]
    public void DeepCopyIsIndependent()
    {
        var set = YamlParser.Parse("# c\na:\n  b: [1, 2]\n", "t.yml");
        var copy = (DocumentSet)set.DeepCopy();
        var orig = (Map)set.Items[0].Value!;
        var copied = (Map)copy.Items[0].Value!;
        ((YamlArray)((Map)copied.Items[0].Value!).Items[0].Value!).Items.RemoveAt(0);
        Assert.Equal(2, ((YamlArray)((Map)orig.Items[0].Value!).Items[0].Value!).Items.Count);
        Assert.Equal(orig.Items[0].Comments, copied.Items[0].Comments);
        Assert.Equal(orig.Items[0].Position, copied.Items[0].Position);
    }
}
