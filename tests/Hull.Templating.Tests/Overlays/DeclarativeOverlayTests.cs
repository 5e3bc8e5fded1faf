using System.Text;
using Hull.Templating.Files;

namespace Hull.Templating.Tests.Overlays;

/// <summary>Overlay documents (`#@overlay/match` on a document) applied after rendering, across files.</summary>
public sealed class DeclarativeOverlayTests
{
    private static string Render(params (string Name, string Text)[] files)
    {
        var inputs = files.Select(f => new InputFile(f.Name, Encoding.UTF8.GetBytes(f.Text), FileKind.YamlTemplate)).ToList();
        return TemplateRenderer.Render(inputs, new TemplateOptions()).CombinedYaml();
    }

    private static string RenderError(params (string Name, string Text)[] files) =>
        Assert.Throws<TemplateException>(() => Render(files)).Message;

    [Fact]
    public void MergesIntoArrayItemsByKeyAcrossFiles()
    {
        string output = Render(
            ("tpl.yml", "array:\n- name: item1\n  subarray:\n  - item1\n"),
            ("overlay.yml", """
                #@ load("@ytt:overlay", "overlay")
                #@overlay/match by=overlay.all
                ---
                array:
                #@overlay/match by="name"
                - name: item1
                  #@overlay/match missing_ok=True
                  subarray2:
                  - #@ 1 + 1

                """));
        Assert.Equal("array:\n- name: item1\n  subarray:\n  - item1\n  subarray2:\n  - 2\n", output);
    }

    [Fact]
    public void LaterOverlaysSeeEarlierResults()
    {
        string output = Render(
            ("tpl.yml", "a: 1\n"),
            ("o1.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\n#@overlay/match missing_ok=True\nb: 2\n"),
            ("o2.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\n#@overlay/remove\na:\n"));
        Assert.Equal("b: 2\n", output);
    }

    [Fact]
    public void MissingKeyNamesEveryOverlayFileAndThePath()
    {
        string error = RenderError(
            ("tpl.yml", "\narray:\n- name: item1\n"),
            ("overlay1.yml", "\n#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\narray:\n#@overlay/match by=\"name\"\n- name: item1\n  #@overlay/match missing_ok=True\n  subarray2: 2\n"),
            ("overlay2.yml", "\n#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\nmap: {}\n"));
        Assert.Equal(
            "Overlaying (in following order: overlay1.yml, overlay2.yml): Document on line overlay2.yml:4: "
            + "Map item (key 'map') on line overlay2.yml:5: Expected number of matched nodes to be 1, but was 0",
            error);
    }

    [Fact]
    public void TooManyMatchesListTheirLines()
    {
        string error = RenderError(
            ("tpl.yml", "\n---\nid: 1\nname: foo\n\n---\nid: 2\nname: foo\n"),
            ("overlay.yml", "\n#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\noverlayed: true\n"));
        Assert.Equal(
            "Overlaying (in following order: overlay.yml): Document on line overlay.yml:4: "
            + "Expected number of matched nodes to be 1, but was 2 (lines: tpl.yml:2, tpl.yml:6)",
            error);
    }

    [Fact]
    public void LeadingCodeBeforeFirstSeparatorIsNotADocumentToMatch()
    {
        string output = Render(
            ("tpl.yml", "#@ x = 1\n#! comment\n---\na: #@ x\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\na: 2\n"));
        Assert.Equal("a: 2\n", output);
    }

    [Fact]
    public void AtLeastOneExpectationFailure()
    {
        string error = RenderError(
            ("tpl.yml", "kind: Service\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.subset({\"kind\": \"Deployment\"}), expects=\"1+\"\n---\na: 2\n"));
        Assert.Equal("Overlaying (in following order: overlay.yml): Document on line overlay.yml:3: Expected number of matched nodes to be >= 1, but was 0", error);
    }

    [Fact]
    public void UnknownKeywordIsAnError()
    {
        string error = RenderError(
            ("tpl.yml", "a: 1\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match bye=overlay.all\n---\na: 2\n"));
        Assert.Equal("Overlaying (in following order: overlay.yml): Document on line overlay.yml:3: Unknown 'overlay/match' annotation keyword argument 'bye'", error);
    }

    [Fact]
    public void FailingMatcherReportsItsErrorAtThePath()
    {
        string error = RenderError(
            ("tpl.yml", "a: 1\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=lambda i, l, r: l[\"missing\"]\n---\na: 2\n"));
        Assert.StartsWith("Overlaying (in following order: overlay.yml): Document on line overlay.yml:3: ", error);
        Assert.Contains("missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeMismatchIsAnError()
    {
        string error = RenderError(
            ("tpl.yml", "a: text\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n---\na:\n  b: 1\n"));
        Assert.Equal("Overlaying (in following order: overlay.yml): Document on line overlay.yml:3: Map item (key 'a') on line overlay.yml:4: Expected map, but was string", error);
    }

    [Fact]
    public void DocumentsAreRemovedInsertedAndAppended()
    {
        string output = Render(
            ("tpl.yml", "---\nkind: A\n---\nkind: B\n"),
            ("overlay.yml", """
                #@ load("@ytt:overlay", "overlay")
                #@overlay/match by=overlay.subset({"kind": "A"})
                #@overlay/remove
                ---
                #@overlay/match by=overlay.subset({"kind": "B"})
                #@overlay/insert before=True
                ---
                kind: BeforeB
                #@overlay/match by=overlay.all, expects="0+"
                #@overlay/append
                ---
                kind: Last

                """));
        Assert.Equal("kind: BeforeB\n---\nkind: B\n---\nkind: Last\n", output);
    }

    [Fact]
    public void MatchChildDefaultsReachGrandchildren()
    {
        string output = Render(
            ("tpl.yml", "a:\n  b:\n    c: 1\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@overlay/match by=overlay.all\n#@overlay/match-child-defaults missing_ok=True\n---\na:\n  b:\n    d: 2\n  e: 3\n"));
        Assert.Equal("a:\n  b:\n    c: 1\n    d: 2\n  e: 3\n", output);
    }

    [Fact]
    public void ExpectsAsFunctionAndList()
    {
        string output = Render(
            ("tpl.yml", "---\nk: 1\n---\nk: 2\n"),
            ("overlay.yml", """
                #@ load("@ytt:overlay", "overlay")
                #@overlay/match by=overlay.all, expects=lambda n: n == 2
                ---
                #@overlay/match expects=[0, 1]
                x: 1

                """));
        Assert.Equal("k: 1\nx: 1\n---\nk: 2\nx: 1\n", output);
    }

    [Fact]
    public void UnannotatedArrayItemsAreAppendedToEveryMatchedDocument()
    {
        string output = Render(
            ("config.yml", "---\nid: 1\ncontents:\n- apple\n---\nid: 2\ncontents:\n- pineapple\n"),
            ("add-content.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n\n#@overlay/match by=overlay.all, expects=\"1+\"\n---\ncontents:\n- pen\n"));
        Assert.Equal("id: 1\ncontents:\n- apple\n- pen\n---\nid: 2\ncontents:\n- pineapple\n- pen\n", output);
    }

    [Fact]
    public void PackageGuideOverlaysWithDataValuesAndLambdaMatchers()
    {
        string output = Render(
            ("issuer.yaml", """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: wildcard
                spec:
                  acme:
                    email: placeholder
                    solvers:
                    - http01: {}
                    - dns01:
                        route53:
                          region: placeholder

                """),
            ("overlay-issuer.yaml", """
                #@ load("@ytt:overlay", "overlay")
                #@ load("@ytt:data", "data")
                #@overlay/match by=overlay.subset({"kind":"Issuer"})
                ---
                spec:
                  acme:
                    email: #@ data.values.email
                    solvers:
                    #@overlay/match by=lambda _,l,r: "dns01" in l
                    - dns01:
                        route53:
                          region: #@ data.values.region

                """),
            ("values.yaml", "#@data/values\n---\nemail: me@example.com\nregion: eu-west-1\n"));
        Assert.Equal("""
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: wildcard
            spec:
              acme:
                email: me@example.com
                solvers:
                - http01: {}
                - dns01:
                    route53:
                      region: eu-west-1

            """, output);
    }
}
