using System.Text;
using Hull.Starlark;
using Hull.Templating.Files;
using Hull.Templating.Overlays;
using Hull.Yaml;

namespace Hull.Templating.Tests.Overlays;

/// <summary>`@ytt:overlay` used from templates: overlay.apply, the matchers and the error texts.</summary>
public sealed class OverlayModuleTests
{
    private const string Load = "#@ load(\"@ytt:overlay\", \"overlay\")\n";

    private static string Render(string template)
    {
        var files = new List<InputFile> { new("tpl.yml", Encoding.UTF8.GetBytes(Load + template), FileKind.YamlTemplate) };
        return TemplateRenderer.Render(files, new TemplateOptions()).CombinedYaml();
    }

    private static string FirstErrorLine(string template)
    {
        string message = Assert.Throws<TemplateException>(() => Render(template)).Message;
        return message.Split('\n').First(l => l.StartsWith("- ", StringComparison.Ordinal))[2..];
    }

    [Fact]
    public void MatchersAreCallable()
    {
        string output = Render("""
            a: #@ overlay.index(1)(1, {}, {})
            b: #@ overlay.all(0, None, None)
            c: #@ overlay.map_key("name")(0, {"name": "x"}, {"name": "x"})
            d: #@ overlay.not_op(overlay.all)(0, 1, 2)
            e: #@ overlay.or_op(overlay.index(0), overlay.index(2))(2, 1, 2)
            f: #@ overlay.and_op()(0, 1, 2)
            g: #@ type(overlay.all)

            """);
        Assert.Equal("a: true\nb: true\nc: true\nd: false\ne: true\nf: true\ng: builtin_function_or_method\n", output);
    }

    [Fact]
    public void ApplyWithDictLeftAndNoOverlaysCopiesTheLeft()
    {
        Assert.Equal("r:\n  a: 1\n", Render("r: #@ overlay.apply({\"a\": 1})\n"));
    }

    [Fact]
    public void ApplyLeavesTheLeftFragmentUnchanged()
    {
        string output = Render("""
            #@ def left():
            a: 1
            #@ end
            #@ def right():
            a: 2
            #@ end
            #@ l = left()
            r: #@ overlay.apply(l, right())
            l: #@ l

            """);
        Assert.Equal("r:\n  a: 2\nl:\n  a: 1\n", output);
    }

    [Fact]
    public void KindMismatchIsAnError()
    {
        string error = FirstErrorLine("""
            #@ def right():
            - 1
            #@ end
            ---
            r: #@ overlay.apply({"a": 1}, right())

            """);
        Assert.Equal("overlay.apply: Expected array, but was map", error);
    }

    [Fact]
    public void MapKeyNeedsTheKeyOnTheRight()
    {
        string error = FirstErrorLine("""
            #@ def right():
            #@overlay/match by=overlay.map_key("name")
            - other: 1
            #@ end
            ---
            r: #@ overlay.apply([{"name": 1}], right())

            """);
        Assert.Equal("overlay.apply: Array item on line tpl.yml:4: Expected right side to have map key 'name'", error);
    }

    [Fact]
    public void InsertNeedsBeforeOrAfter()
    {
        string error = FirstErrorLine("""
            #@ def right():
            #@overlay/match by=overlay.all
            #@overlay/insert
            - 2
            #@ end
            ---
            r: #@ overlay.apply([1], right())

            """);
        Assert.Equal("overlay.apply: Array item on line tpl.yml:5: Expected 'overlay/insert' annotation to have 'before' or 'after' keyword argument set to true (but not both)", error);
    }

    [Fact]
    public void MissingOkAndExpectsTogetherIsAnError()
    {
        string error = FirstErrorLine("""
            #@ def right():
            #@overlay/match missing_ok=True, expects=1
            a: 2
            #@ end
            r: #@ overlay.apply({"a": 1}, right())

            """);
        Assert.Equal("overlay.apply: Map item (key 'a') on line tpl.yml:4: Expected only one of keyword arguments ('missing_ok', 'expects') specified", error);
    }

    [Fact]
    public void BadExpectsFormat()
    {
        string error = FirstErrorLine("""
            #@ def right():
            #@overlay/match expects="x+"
            a: 2
            #@ end
            r: #@ overlay.apply({"a": 1}, right())

            """);
        Assert.Equal("overlay.apply: Map item (key 'a') on line tpl.yml:4: Expected 'x+' to be in format 'i+' where i is an integer", error);
    }

    [Fact]
    public void LogicalOperatorsNeedFunctions()
    {
        string error = FirstErrorLine("r: #@ overlay.and_op(\"x\")\n");
        Assert.Equal("overlay.and_op: expected argument to be a function, but was starlark.String", error);
    }

    [Fact]
    public void ReplaceViaReceivesFragmentsAndMayReturnThem()
    {
        string output = Render("""
            #@ def left():
            a:
              b: 1
            #@ end
            #@ def right():
            #@overlay/replace via=lambda l, r: {"old": l, "new": r}
            a: 2
            #@ end
            r: #@ overlay.apply(left(), right())

            """);
        Assert.Equal("r:\n  a:\n    old:\n      b: 1\n    new: 2\n", output);
    }

    [Fact]
    public void ArrayItemsMergeByIndexAndAppendWithoutMatch()
    {
        string output = Render("""
            #@ def right():
            #@overlay/match by=overlay.index(0)
            - a: 9
            - new
            #@ end
            ---
            r: #@ overlay.apply([{"a": 1}, {"a": 2}], right())

            """);
        Assert.Equal("r:\n- a: 9\n- a: 2\n- new\n", output);
    }

    [Fact]
    public void DataValuesStyleDocumentApplyUsesItsChildDefaults()
    {
        var left = YamlParser.Parse("a: 1\n", "values.yml").Items[0].Value;
        var right = new Document(new Map([new MapItem("b", 2L)])) { Position = new Position("more.yml", 2) };
        var anns = new Hull.Templating.Evaluation.NodeAnnotations
        {
            [OverlayAnnotationNames.MatchChildDefaults] = new([], [new("missing_ok", Hull.Starlark.Values.BoolValue.True)], 1),
        };
        right.Annotations = anns;
        var result = new OverlayEngine(new StarlarkThread()).ApplyDocumentValue(left, right);
        var map = Assert.IsType<Map>(result);
        Assert.Equal(["a", "b"], map.Items.Select(i => (string)i.Key!));

        right.Annotations = null;
        var fresh = YamlParser.Parse("a: 1\n", "values.yml").Items[0].Value;
        var error = Assert.Throws<OverlayException>(() => new OverlayEngine(new StarlarkThread()).ApplyDocumentValue(fresh, right));
        Assert.Equal("Document on line more.yml:2: Map item (key 'b') on line :?: Expected number of matched nodes to be 1, but was 0", error.Message);
    }
}
