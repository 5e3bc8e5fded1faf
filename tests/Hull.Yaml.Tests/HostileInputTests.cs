using System.Text;

namespace Hull.Yaml.Tests;

/// <summary>
/// Input meant to exhaust the stack or memory, or to be silently altered, fails with an ordinary, positioned error.
/// Classes covered, each beside the next one added: deep flow and block nesting; values built deeper than the stack
/// (copy, emit); alias expansion (billion laughs); huge scalars and many documents; invalid UTF-8.
/// </summary>
public sealed class HostileInputTests
{
    private static YamlException Fails(string text) => Assert.Throws<YamlException>(() => YamlParser.Parse(text, "t.yml"));

    [Theory]
    [InlineData("[", "")]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void DeepFlowNestingIsAnError(string open, string close)
    {
        var text = "x:\n  " + string.Concat(Enumerable.Repeat(open, 20_000)) + string.Concat(Enumerable.Repeat(close, 20_000));
        var e = Fails(text);
        Assert.Equal("yaml: line 2: nesting deeper than 1000 levels", e.Message);
        Assert.Equal(new Position("t.yml", 2), e.Position);
    }

    [Fact]
    public void DeepCompactBlockSequenceIsAnError()
    {
        var e = Fails(string.Concat(Enumerable.Repeat("- ", 20_000)) + "x\n");
        Assert.Equal("yaml: line 1: nesting deeper than 1000 levels", e.Message);
    }

    [Fact]
    public void DeepIndentedBlockMapIsAnError()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1_200; i++)
        {
            sb.Append(' ', i).Append("a:\n");
        }

        var e = Fails(sb.ToString());
        Assert.Equal("yaml: line 1001: nesting deeper than 1000 levels", e.Message);
    }

    [Fact]
    public void NestingAtTheLimitParsesOnBothPaths()
    {
        var flow = new string('[', NestingLimit.MaxDepth) + new string(']', NestingLimit.MaxDepth);
        Assert.IsType<YamlArray>(YamlParser.Parse(flow, "t.yml").Items[0].Value);
        var block = string.Concat(Enumerable.Repeat("- ", NestingLimit.MaxDepth)) + "x\n";
        var value = YamlParser.Parse(block, "t.yml").Items[0].Value;
        Assert.Equal(
            YamlEmitter.Emit(YamlParser.ParseFull(block, "t.yml", YamlParseOptions.Default).Items[0].Value),
            YamlEmitter.Emit(value));
    }

    [Fact]
    public void ValuesBuiltDeeperThanTheStackFailToCopyAndEmit()
    {
        object? value = "leaf";
        for (var i = 0; i < 1_000_000; i++)
        {
            value = new YamlArray([new ArrayItem(value)]);
        }

        var deep = (YamlArray)value;
        Assert.Throws<YamlException>(() => deep.DeepCopy());
        Assert.Throws<YamlException>(() => YamlEmitter.Emit(deep));
        Assert.Throws<YamlException>(() => JsonEmitter.Emit(deep));
        Assert.Throws<YamlException>(() => PositionPrinter.PrintDocuments([new Document(deep)]));
    }

    [Fact]
    public void BillionLaughsIsRefused()
    {
        var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            var prev = (char)('a' + i - 1);
            sb.Append((char)('a' + i)).Append(": &").Append((char)('a' + i)).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + prev, 10)).Append("]\n");
        }

        var e = Fails(sb.ToString());
        Assert.Matches(@"^yaml: line \d+: document contains excessive aliasing$", e.Message);
    }

    [Fact]
    public void ModestAliasingStillWorks()
    {
        var map = Assert.IsType<Map>(YamlParser.Parse("base: &b {x: 1, y: [1, 2]}\nc1: *b\nc2: *b\nc3: {<<: *b, z: 3}\n", "t.yml").Items[0].Value);
        Assert.Equal(4, map.Items.Count);
    }

    [Fact]
    public void HugeScalarsAndManyDocumentsParseInLinearTime()
    {
        // 8 MB scalars (plain, quoted, literal) and 50,000 documents: a quadratic step would take minutes.
        var big = new string('x', 8_000_000);
        foreach (var text in new[] { "k: " + big + "\n", "k: \"" + big + "\"\n", "k: |\n  " + big + "\n" })
        {
            var map = Assert.IsType<Map>(YamlParser.Parse(text, "t.yml").Items[0].Value);
            Assert.Equal(8_000_000, ((string)map.Items[0].Value!).TrimEnd('\n').Length);
        }

        var docs = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            docs.Append("---\na: ").Append(i).Append('\n');
        }

        var set = YamlParser.Parse(docs.ToString(), "t.yml");
        Assert.Equal(50_000, set.Items.Count);
        Assert.Equal(docs.ToString(), YamlEmitter.EmitDocuments(set.Items).Insert(0, "---\n"));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n' }, "yaml: line 1: invalid leading UTF-8 octet")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)'\n', (byte)'b', (byte)':', (byte)' ', 0xC3, 0x28 }, "yaml: line 2: invalid trailing UTF-8 octet")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xE2, 0x82 }, "yaml: line 1: incomplete UTF-8 octet sequence")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC0, 0xAF }, "yaml: line 1: invalid length of a UTF-8 sequence")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xED, 0xA0, 0x80 }, "yaml: line 1: invalid Unicode character")]
    public void InvalidUtf8IsRefusedAsGoYamlRefusesIt(byte[] bytes, string message)
    {
        var e = Assert.Throws<YamlException>(() => Utf8Input.Decode(bytes, "t.yml"));
        Assert.Equal(message, e.Message);
        Assert.Equal("t.yml", e.Position.File);
    }

    [Fact]
    public void ValidUtf8DecodesWithOrWithoutItsByteOrderMark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: h\u00e9llo \U0001F600\n")];
        Assert.Equal("a: h\u00e9llo \U0001F600\n", Utf8Input.Decode(bytes, "t.yml"));
        Assert.Equal("\uFEFFa: h\u00e9llo \U0001F600\n", Utf8Input.Decode(bytes, "t.yml", dropByteOrderMark: false));
    }
}
