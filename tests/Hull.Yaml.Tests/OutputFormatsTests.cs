namespace Hull.Yaml.Tests;

public sealed class OutputFormatsTests
{
    [Fact]
    public void JsonSortsKeysAndEscapesLikeGo()
    {
        var set = YamlParser.Parse("b: 1\na: [x, 1.5, true, null, \"<&>\"]\n---\nc: 1e+21\n", "t");
        Assert.Equal("{\"a\":[\"x\",1.5,true,null,\"\\u003c\\u0026\\u003e\"],\"b\":1}{\"c\":1e+21}", JsonEmitter.EmitDocuments(set.Items));
        Assert.Equal("0.000001", GoFloat.FormatJson(1e-6));
        Assert.Equal("1e-7", GoFloat.FormatJson(1e-7));
    }

    [Fact]
    public void PositionsAsYttPrintsThem()
    {
        var set = YamlParser.Parse("---\nclients:\n- needsSecret: false\n- plain\n---\ntext\n", "stdin");
        var expected =
            "          stdin:1 | [doc]\n" +
            "          stdin:2 |   clients:\n" +
            "          stdin:3 |     [0]\n" +
            "          stdin:3 |       needsSecret: false\n" +
            "          stdin:4 |     [1] plain\n" +
            "          stdin:5 | [doc]\n" +
            "                  |   text\n";
        Assert.Equal(expected, PositionPrinter.PrintDocuments(set.Items));
    }

    [Fact]
    public void FormatterKeepsComments()
    {
        Assert.Equal("# c\na:\n  - 1 # one\n", YamlFormatter.Format("# c\na:\n- 1    # one\n"));
        Assert.Equal("a: 100%!d(MISSING)\n", YamlFormatter.Format("a: 100%d\n"));
    }
}
