namespace Hull.Yaml.Tests;

public sealed class CommentTests
{
    private static string Data(Node n) => string.Join("|", n.Comments.Select(c => c.Data + "@" + c.Position.Line));

    [Fact]
    public void CommentsAttachToSameLineOrNextNode()
    {
        var set = YamlParser.Parse("#! before\ntest1: true #! inline\n#! after\n\n#@ if True:\ntest2:\n- a #@ x\n#@ end\n", "stdin");
        var m = (Map)set.Items[0].Value!;
        Assert.Equal("! before@1|! inline@2", Data(m.Items[0]));
        Assert.Equal("! after@3|@ if True:@5", Data(m.Items[1]));
        var arr = (YamlArray)m.Items[1].Value!;
        Assert.Equal("@ x@7", Data(arr.Items[0]));
        // the trailing comment has no node after it: it goes to an injected document
        Assert.Equal(2, set.Items.Count);
        Assert.True(set.Items[1].Injected);
        Assert.Equal("@ end@8", Data(set.Items[1]));
        Assert.Equal(CommentKind.Code, set.Items[1].Comments[0].Kind);
        Assert.Equal(CommentKind.Ytt, m.Items[0].Comments[0].Kind);
    }

    [Fact]
    public void InlineCommentGoesToInnermostNodeOnTheLine()
    {
        var set = YamlParser.Parse("- a: 1 # inner\n# above\n- b: 2\n", "stdin");
        var arr = (YamlArray)set.Items[0].Value!;
        Assert.Equal("", Data(arr.Items[0]));
        Assert.Equal(" inner@1", Data(((Map)arr.Items[0].Value!).Items[0]));
        Assert.Equal(" above@2", Data(arr.Items[1]));
    }

    [Fact]
    public void DocumentMarkerComments()
    {
        var set = YamlParser.Parse("a: 1\n--- #@ doc\nb: 2\n", "stdin");
        Assert.Equal("@ doc@2", Data(set.Items[1]));
        Assert.Equal(2, set.Items[1].Position.Line);
    }

    [Fact]
    public void CommentsAfterADocumentGoToTheNextOne()
    {
        var set = YamlParser.Parse("a: 1\n# between\n---\nb: 2\n", "stdin");
        Assert.Equal(" between@2", Data(set.Items[1]));
    }

    [Fact]
    public void CommentTextIsKeptExactly()
    {
        var set = YamlParser.Parse("a: 1 #@   spaced  \n", "stdin");
        Assert.Equal("@   spaced  ", ((Map)set.Items[0].Value!).Items[0].Comments[0].Data);
    }

    [Fact]
    public void WithoutComments()
    {
        var set = YamlParser.Parse("# c\na: 1 # d\n", "stdin", new YamlParseOptions { WithoutComments = true });
        Assert.Single(set.Items);
        Assert.Empty(((Map)set.Items[0].Value!).Items[0].Comments);
    }
}
