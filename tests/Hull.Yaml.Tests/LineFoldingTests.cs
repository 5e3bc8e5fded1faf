namespace Hull.Yaml.Tests;

/// <summary>go-yaml v2.4's 80-column folding (kbld, sigs.k8s.io/yaml) is an option; ytt's output never folds.</summary>
public sealed class LineFoldingTests
{
    private const string Long = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaajjjj jjjjjjjjjjjjjjjjjjjjj jjjjjjjjjjjjjjjjjjjjjjjjjj jjjjjjjjjj jjjjj";

    [Fact]
    public void LongPlainValuesFoldAtColumn80()
    {
        // The output ytt 0.x showed in its issue #45 (before its go-yaml fork stopped folding).
        var map = new Map([new MapItem("env", new Map([new MapItem("JAVA_OPTS", Long)]))]);
        Assert.Equal(
            "env:\n  JAVA_OPTS: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaajjjj jjjjjjjjjjjjjjjjjjjjj\n    jjjjjjjjjjjjjjjjjjjjjjjjjj jjjjjjjjjj jjjjj\n",
            YamlEmitter.Emit(map, YamlEmitOptions.Folded));
        Assert.Equal("env:\n  JAVA_OPTS: " + Long + "\n", YamlEmitter.Emit(map));
    }

    [Fact]
    public void FoldedOutputReadsBackAsTheSameString()
    {
        var map = new Map([new MapItem("k", Long), new MapItem("q", "'" + Long + "'"), new MapItem("d", Long + "\t")]);
        var text = YamlEmitter.Emit(map, YamlEmitOptions.Folded);
        Assert.Contains("\n  ", text, StringComparison.Ordinal);
        var back = Assert.IsType<Map>(YamlParser.Parse(text, "t.yml").Items[0].Value);
        Assert.Equal([Long, "'" + Long + "'", Long + "\t"], back.Items.Select(i => (string)i.Value!));
    }

    [Fact]
    public void YttOutputDoesNotFold()
    {
        Assert.False(YamlEmitOptions.Default.FoldLongLines);
        Assert.Equal("k: " + Long + "\n", YamlEmitter.Emit(new Map([new MapItem("k", Long)])));
    }

    [Fact]
    public void OnlyTheAppendedTextIsFolded()
    {
        var sb = new System.Text.StringBuilder("prefix " + Long + "\n");
        YamlEmitter.Write(new Map([new MapItem("k", Long)]), sb, YamlEmitOptions.Folded);
        Assert.StartsWith("prefix " + Long + "\nk: ", sb.ToString(), StringComparison.Ordinal);
        Assert.Contains("\n  jjj", sb.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentsWithoutSpacesOrShortLinesAreUnchanged()
    {
        var json = "{\"inside_array\":[{\"fragment\":[\"piece1\",{\"piece1\":false,\"piece2\":true}]}],\"inside_map\":{}}";
        Assert.Equal("k: '" + json + "'\n", YamlEmitter.Emit(new Map([new MapItem("k", json)]), YamlEmitOptions.Folded));
    }

    [Fact]
    public void KeysSortInGoYamlOrder()
    {
        var keys = new List<string> { "b", "a10", "a9", "A", "_x", "a", "x_1", "x1" };
        keys.Sort(GoKeyOrder.Instance);
        Assert.Equal(["_x", "A", "a", "a9", "a10", "b", "x_1", "x1"], keys);
    }
}
