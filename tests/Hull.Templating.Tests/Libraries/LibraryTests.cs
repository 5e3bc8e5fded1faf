using static Hull.Templating.Tests.DataValues.TemplateFiles;

namespace Hull.Templating.Tests.Libraries;

/// <summary>Private libraries under _ytt_lib: @ytt:library, #@library/ref, @lib: data values and load paths.</summary>
public sealed class LibraryTests
{
    private static readonly (string, string)[] s_lib =
    [
        ("_ytt_lib/app/schema.yml", "#@data/values-schema\n---\nname: app\nreplicas: 1\n"),
        ("_ytt_lib/app/dep.yml", "#@ load(\"@ytt:data\", \"data\")\nkind: Deployment\nname: #@ data.values.name\nreplicas: #@ data.values.replicas\n"),
        ("_ytt_lib/app/funcs.star", "def greet(n):\n  return \"hello \" + n\nend\n_private = 1\n"),
    ];

    private static string RenderWith(TemplateOptions o, params (string, string)[] files) => Render(o, [.. s_lib, .. files]);

    [Fact]
    public void Get_eval_and_with_data_values()
    {
        string yaml = RenderWith(new TemplateOptions(), ("main.yml", """
            #@ load("@ytt:library", "library")
            #@ load("@ytt:template", "template")
            #@ app = library.get("app")
            --- #@ template.replace(app.with_data_values({"replicas": 3}).eval())
            --- #@ template.replace(app.eval())
            """));
        Assert.Equal("kind: Deployment\nname: app\nreplicas: 3\n---\nkind: Deployment\nname: app\nreplicas: 1\n", yaml);
    }

    [Fact]
    public void Export_data_values_and_load_paths()
    {
        string yaml = RenderWith(new TemplateOptions(), ("main.yml", """
            #@ load("@ytt:library", "library")
            #@ load("@app:funcs.star", "greet")
            #@ app = library.get("app").with_data_values({"name": "x"})
            loaded: #@ greet("a")
            exported: #@ app.export("greet")("b")
            name: #@ app.data_values().name
            """));
        Assert.Equal("loaded: hello a\nexported: hello b\nname: x\n", yaml);
        string err = RenderError(new TemplateOptions(), [.. s_lib, ("main.yml", "#@ load(\"@ytt:library\", \"library\")\nx: #@ library.get(\"app\").export(\"_private\")\n")]);
        Assert.Contains("private", err, StringComparison.Ordinal);
        err = RenderError(new TemplateOptions(), [.. s_lib, ("main.yml", "#@ load(\"@ytt:library\", \"library\")\nx: #@ library.get(\"nope\")\n")]);
        Assert.Contains("Expected to find library 'nope'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_ref_documents_and_command_line_values_follow_ytts_order()
    {
        var o = new TemplateOptions();
        o.DataValues.AddKeyValue("@~second:replicas=9", asYaml: true, source: "--data-value-yaml");
        string yaml = RenderWith(o,
            ("values.yml", "#@library/ref \"@~second\"\n#@data/values\n---\nname: from-ref\nreplicas: 2\n---\n#@library/ref \"@app\"\n#@data/values after_library_module=True\n---\nname: after\n"),
            ("main.yml", """
                #@ load("@ytt:library", "library")
                #@ load("@ytt:template", "template")
                --- #@ template.replace(library.get("app", alias="second").with_data_values({"name": "with", "replicas": 5}).eval())
                """));
        Assert.Equal("kind: Deployment\nname: after\nreplicas: 9\n", yaml);
    }

    [Fact]
    public void Library_schema_type_checks_values_given_to_it()
    {
        string err = RenderError(new TemplateOptions(), [.. s_lib, ("main.yml", """
            #@ load("@ytt:library", "library")
            #@ load("@ytt:template", "template")
            --- #@ template.replace(library.get("app").with_data_values({"replicas": "three"}).eval())
            """)]);
        Assert.Contains("One or more data values were invalid", err, StringComparison.Ordinal);
        Assert.Contains("= found: string", err, StringComparison.Ordinal);
        Assert.Contains("= expected: integer (by _ytt_lib/app/schema.yml:4)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void With_data_values_schema_extends_the_library_schema()
    {
        string yaml = RenderWith(new TemplateOptions(), ("main.yml", """
            #@ load("@ytt:library", "library")
            #@ load("@ytt:overlay", "overlay")
            #@ def more():
            #@overlay/match missing_ok=True
            extra: 1
            #@ end
            dv: #@ library.get("app").with_data_values_schema(more()).data_values().extra
            """));
        Assert.Equal("dv: 1\n", yaml);
    }

    [Fact]
    public void Unused_library_values_are_an_error_and_get_takes_ytts_flags()
    {
        string err = RenderError(new TemplateOptions(), [.. s_lib, ("values.yml", "#@library/ref \"@nobody\"\n#@data/values\n---\nname: x\n"), ("main.yml", "a: 1\n")]);
        Assert.Equal("Expected all provided library data values documents to be used but found unused: library '@nobody' on line values.yml:3", err);
        var o = new TemplateOptions();
        o.DataValues.AddKeyValue("@nobody:x=1", asYaml: false, source: "--data-value");
        err = RenderError(o, [.. s_lib, ("main.yml", "a: 1\n")]);
        Assert.Equal("Expected all provided library data values documents to be used but found unused: library '@nobody' from --data-value @nobody:x=1", err);

        string yaml = Render(new TemplateOptions(),
            ("_ytt_lib/dup/t.yml", "a: 1\na: 2\n"),
            ("main.yml", "#@ load(\"@ytt:library\", \"library\")\n#@ load(\"@ytt:template\", \"template\")\n--- #@ template.replace(library.get(\"dup\", implicit_map_key_overrides=True).eval())\n"));
        Assert.Equal("a: 2\n", yaml);
    }
}
