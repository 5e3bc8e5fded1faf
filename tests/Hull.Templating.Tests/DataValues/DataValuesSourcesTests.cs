using static Hull.Templating.Tests.DataValues.TemplateFiles;

namespace Hull.Templating.Tests.DataValues;

/// <summary>Data values documents and command-line sources, merged in ytt's order.</summary>
public sealed class DataValuesSourcesTests
{
    private const string Defaults = "#@data/values\n---\na: doc\nb: doc\nc: doc\nd: doc\ne: doc\nf: doc\ng: doc\n";

    [Fact]
    public void Command_line_sources_apply_by_kind_not_by_position()
    {
        var o = new TemplateOptions();
        // Added in reverse precedence order: the kind decides, not the order given.
        o.DataValues.AddKeyValue("g", "value-file", asYaml: false, source: "--data-value-file");
        o.DataValues.AddKeyValue("f=value-yaml", asYaml: true, source: "--data-value-yaml");
        o.DataValues.AddKeyValue("e=value", asYaml: false, source: "--data-value");
        o.DataValues.AddEnvironment("EY", asYaml: true, [new("EY_d", "123")]);
        o.DataValues.AddEnvironment("E", asYaml: false, [new("E_c", "123"), new("E_x__y", "nested")]);
        o.DataValues.AddPlainYaml("plain.yml", "b: plain\nnew: added\n");
        o.DataValues.AddKeyValue("g=value", asYaml: false, source: "--data-value");
        o.DataValues.AddKeyValue("f=value", asYaml: false, source: "--data-value");
        o.DataValues.AddKeyValue("e=1", asYaml: true, source: "--data-value-yaml");
        string yaml = Render(o, ("values.yml", Defaults), ("echo.yml", Echo));
        Assert.Equal("a: doc\nb: plain\nc: \"123\"\nd: 123\ne: 1\nf: value-yaml\ng: value-file\nnew: added\nx:\n  \"y\": nested\n", yaml);
    }

    [Fact]
    public void Values_documents_overlay_in_file_order_and_new_keys_need_missing_ok()
    {
        var o = new TemplateOptions();
        string yaml = Render(o,
            ("a.yml", "#@data/values\n---\nkey1: val1\nkey2:\n  nested: val2\nkey3:\nkey4:\nlist: [1]\n"),
            ("b.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@data/values\n---\nkey3: new-val3\n#@overlay/remove\nkey4:\n#@overlay/match missing_ok=True\nkey5: new-val5\nlist: [2]\n"),
            ("echo.yml", Echo));
        Assert.Equal("key1: val1\nkey2:\n  nested: val2\nkey3: new-val3\nlist:\n- 1\n- 2\nkey5: new-val5\n", yaml);

        string err = RenderError(o,
            ("a.yml", "#@data/values\n---\nkey1: val1\n"),
            ("b.yml", "#@data/values\n---\nkey9: typo\n"),
            ("echo.yml", Echo));
        Assert.StartsWith("Overlaying data values (in following order: a.yml, b.yml): Document on line b.yml:2: Map item (key 'key9') on line b.yml:3:", err);
    }

    [Fact]
    public void Plain_values_replace_arrays_and_library_prefix_targets_libraries()
    {
        var o = new TemplateOptions();
        o.DataValues.AddPlainYaml("plain.yml", "list: [9]\n");
        Assert.Equal("list:\n- 9\n", Render(o, ("a.yml", "#@data/values\n---\nlist: [1, 2]\n"), ("echo.yml", Echo)));
        Assert.Equal("lib", Hull.Templating.DataValuesSources.SplitLibrary("@lib:name=x").Library);
        o.DataValues.AddKeyValue("@lib:name=from-flag", asYaml: false, source: "--data-value");
        Assert.Single(o.DataValues.For("lib"));
    }

    [Fact]
    public void Data_values_inspect_prints_final_values()
    {
        var o = new TemplateOptions();
        o.DataValues.AddKeyValue("port=8080", asYaml: true, source: "--data-value-yaml");
        var files = Of(("schema.yml", "#@data/values-schema\n---\nport: 80\nhost: localhost\n"));
        Assert.Equal("port: 8080\nhost: localhost\n", Hull.Templating.DataValues.DataValuesInspection.ValuesYaml(files, o));
    }

    [Fact]
    public void Data_read_and_list_see_library_files()
    {
        string yaml = Render(new TemplateOptions(),
            ("conf/t.yml", "#@ load(\"@ytt:data\", \"data\")\nown: #@ data.read(\"x.txt\")\nroot: #@ data.read(\"/conf/x.txt\")\nfiles: #@ data.list(\"conf\")\n"),
            ("conf/x.txt", "text"));
        Assert.Equal("own: text\nroot: text\nfiles:\n- conf/t.yml\n- conf/x.txt\n", yaml);
    }

    [Fact]
    public void Empty_values_documents_and_files_set_nothing()
    {
        var o = new TemplateOptions();
        o.DataValues.AddPlainYaml("empty.yml", "---\n# nothing\n");
        Assert.Equal("a: 1\n", Render(o, ("a.yml", "#@data/values\n---\na: 1\n"), ("b.yml", "#@data/values\n---\n"), ("echo.yml", Echo)));
    }

    [Fact]
    public void Values_files_must_be_plain_yaml()
    {
        var o = new TemplateOptions();
        o.DataValues.AddPlainYaml("values.yml", "#@data/values\n---\na: 1\n");
        Assert.Equal("Checking data values file 'values.yml': Expected to be plain YAML, having no annotations (hint: remove comments starting with `#@`)", RenderError(o, ("echo.yml", Echo)));
    }
}
