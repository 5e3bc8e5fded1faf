namespace Hull.Yaml.Tests;

/// <summary>ytt's strict subset: unambiguous scalars parse, ambiguous plain ones fail with ytt's wording.</summary>
public sealed class StrictTests
{
    private static readonly YamlParseOptions Strict = new() { Strict = true };

    [Fact]
    public void UnambiguousScalarsParse()
    {
        var set = YamlParser.Parse("a: true\nb: null\nc: 12\nd: -1.5\ne: plain\nf: \"with space\"\ng: 'yes'\nh: !!str no\ni:\n- 0\n- 1.0e+3\n", "s.yml", Strict);
        var map = (Map)set.Items[0].Value!;
        Assert.Equal(true, map.Find("a")!.Value);
        Assert.Null(map.Find("b")!.Value);
        Assert.Equal(12L, map.Find("c")!.Value);
        Assert.Equal(-1.5, map.Find("d")!.Value);
        Assert.Equal("yes", map.Find("g")!.Value);
        Assert.Equal("no", map.Find("h")!.Value);
    }

    [Theory]
    [InlineData("key: yes", "yaml: Strict parsing: Found 'yes' ambigious (could be !!str or !!bool)")]
    [InlineData("key: ~", "yaml: Strict parsing: Found '~' ambigious (could be !!str or !!null)")]
    [InlineData("key: 0x1F", "yaml: Strict parsing: Found '0x1F' ambigious (could be !!str or !!int)")]
    [InlineData("key: 012", "yaml: Strict parsing: Found '012' ambigious (could be !!str or !!int)")]
    [InlineData("key: .5", "yaml: Strict parsing: Found '.5' ambigious (could be !!str or !!float)")]
    [InlineData("key: two words", "yaml: Strict parsing: Found 'two words' ambigious (strings with whitespace, colons or '---' must be quoted)")]
    [InlineData("On: 1", "yaml: Strict parsing: Found 'On' ambigious (could be !!str or !!bool)")]
    public void AmbiguousPlainScalarsFail(string text, string message)
    {
        var e = Assert.Throws<YamlException>(() => YamlParser.Parse(text + "\n", "s.yml", Strict));
        Assert.Equal(message, e.Message);
        Assert.Equal(1, e.Position.Line);
    }

    [Fact]
    public void WithoutStrictTheSameTextParses() => Assert.Equal(true, ((Map)YamlParser.Parse("key: yes\n", "s.yml").Items[0].Value!).Find("key")!.Value);
}
