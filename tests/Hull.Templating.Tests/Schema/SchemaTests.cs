using Hull.Templating.DataValues;
using Hull.Templating.Yaml;
using Hull.Yaml;
using static Hull.Templating.Tests.DataValues.TemplateFiles;

namespace Hull.Templating.Tests.Schema;

/// <summary>Schemas: inferred types and defaults, annotations, type errors, multiple files, OpenAPI export.</summary>
public sealed class SchemaTests
{
    private const string Schema = """
        #@ def default_dbs():
        - name: core
          host: coredb
        #@ end

        #@data/values-schema
        ---
        #@schema/title "LoadBalancer type service"
        #@schema/desc "Whether to include a LoadBalancer."
        load_balancer:
          enabled: true
          #@schema/nullable
          static_ip: ""
        #@schema/default ["apps.example.com"]
        app_domains:
        - ""
        #@schema/default default_dbs()
        databases:
        - name: ""
          adapter: postgresql
          host: ""
          #@schema/validation min=1024
          port: 5432
        #@schema/type any=True
        additional_config: {}
        #@schema/nullable
        aws:
          username: admin
          password: "1234"
        ratio: 0.5
        """;

    [Fact]
    public void Defaults_are_inferred_with_array_item_defaults_nullable_and_any()
    {
        string yaml = Render(new TemplateOptions(), ("schema.yml", Schema), ("echo.yml", Echo));
        Assert.Equal("""
            load_balancer:
              enabled: true
              static_ip: null
            app_domains:
            - apps.example.com
            databases:
            - name: core
              adapter: postgresql
              host: coredb
              port: 5432
            additional_config: {}
            aws: null
            ratio: 0.5

            """.Replace("\r", "", StringComparison.Ordinal), yaml);
    }

    [Fact]
    public void Values_are_completed_from_the_schema()
    {
        var o = new TemplateOptions();
        o.DataValues.AddKeyValue("aws.username=sa", asYaml: false, source: "--data-value");
        o.DataValues.AddKeyValue("ratio=2", asYaml: true, source: "--data-value-yaml");
        o.DataValues.AddKeyValue("additional_config={\"anything\": [1, \"two\"]}", asYaml: true, source: "--data-value-yaml");
        string yaml = Render(o, ("schema.yml", Schema),
            ("values.yml", "#@data/values\n---\ndatabases:\n- name: extra\n  port: 2000\n"),
            ("echo.yml", Echo));
        Assert.Contains("- name: extra\n  adapter: postgresql\n  host: \"\"\n  port: 2000\n", yaml, StringComparison.Ordinal);
        Assert.Contains("aws:\n  username: sa\n  password: \"1234\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("ratio: 2\n", yaml, StringComparison.Ordinal);
        Assert.Contains("additional_config:\n  anything:\n  - 1\n  - two\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_type_problem_is_reported_together_with_path_and_source()
    {
        var o = new TemplateOptions();
        o.DataValues.AddKeyValue("ratio=high", asYaml: false, source: "--data-value");
        string err = RenderError(o, ("schema.yml", Schema),
            ("values.yml", "#@data/values\n---\nload_balancer:\n  enabled: 3\n  unknown: 1\ndatabases:\n- port: \"80\"\n"),
            ("echo.yml", Echo));
        Assert.Equal("""
            Overlaying data values (in following order: values.yml, additional data values): 
            One or more data values were invalid
            ====================================

            values.yml:
                |
              4 |   enabled: 3
                |

                = found: integer
                = expected: boolean (by schema.yml:11)
                = path: load_balancer.enabled

            values.yml:
                |
              5 |   unknown: 1
                |

                = found: unknown
                = expected: (a key defined in map) (by schema.yml:10)
                = hint: declare data values in schema and override them in a data values document
                = path: load_balancer.unknown

            values.yml:
                |
              7 | - port: "80"
                |

                = found: string
                = expected: integer (by schema.yml:23)
                = path: databases[0].port

            (data-value arg):
                |
              1 | ratio=high
                |

                = found: string
                = expected: float (by schema.yml:30)
                = path: ratio

            """, err);
    }

    [Fact]
    public void Schema_validations_run_on_final_values_unless_disabled()
    {
        const string values = "#@data/values\n---\ndatabases:\n- name: x\n  port: 80\n";
        string err = RenderError(new TemplateOptions(), ("schema.yml", Schema), ("values.yml", values), ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  databases[1].port\n    from: values.yml:5\n    - must be: a value >= 1024 (by: schema.yml:22)\n      found: value < 1024\n\n", err);
        var o = new TemplateOptions { DisableDataValuesValidation = true };
        Assert.Contains("port: 80", Render(o, ("schema.yml", Schema), ("values.yml", values), ("echo.yml", Echo)), StringComparison.Ordinal);
    }

    [Fact]
    public void Multiple_schema_files_merge_as_overlays()
    {
        string yaml = Render(new TemplateOptions(),
            ("a-schema.yml", "#@data/values-schema\n---\nname: a\nport: 1\n"),
            ("b-schema.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@data/values-schema\n---\n#@overlay/match missing_ok=True\nextra: true\n#@overlay/replace\nport: \"p\"\n"),
            ("echo.yml", Echo));
        Assert.Equal("name: a\nport: p\nextra: true\n", yaml);
    }

    [Fact]
    public void Schema_mistakes_are_errors_naming_the_line()
    {
        Assert.Contains("wrong number of items in array definition", RenderError(new TemplateOptions(), ("s.yml", "#@data/values-schema\n---\nlist: [1, 2]\n")), StringComparison.Ordinal);
        Assert.Contains("null value not allowed here", RenderError(new TemplateOptions(), ("s.yml", "#@data/values-schema\n---\nx: null\n")), StringComparison.Ordinal);
        Assert.Contains("(at s.yml:4)", RenderError(new TemplateOptions(), ("s.yml", "#@data/values-schema\n---\n#@schema/default \"str\"\nx: 1\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenApi_export_matches_ytt()
    {
        var files = Of(("schema.yml", """
            #@data/values-schema
            ---
            #@schema/title "LoadBalancer type service"
            load_balancer:
              enabled: true
              #@schema/nullable
              static_ip: ""
            #@schema/desc "DNS domains to accept traffic for."
            #@schema/default ["apps.example.com"]
            app_domains:
            - ""
            #@schema/type any=True
            additional_config: {}
            #@schema/examples ("Example", 0.1)
            ratio: 0.5
            """));
        string yaml = DataValuesInspection.OpenApiYaml(files, new TemplateOptions());
        Assert.Equal("""
            openapi: 3.0.0
            info:
              version: 0.1.0
              title: Schema for data values, generated by ytt
            paths: {}
            components:
              schemas:
                dataValues:
                  type: object
                  additionalProperties: false
                  properties:
                    load_balancer:
                      title: LoadBalancer type service
                      type: object
                      additionalProperties: false
                      properties:
                        enabled:
                          type: boolean
                          default: true
                        static_ip:
                          type: string
                          default: null
                          nullable: true
                    app_domains:
                      type: array
                      items:
                        type: string
                        default: ""
                      default:
                      - apps.example.com
                      description: DNS domains to accept traffic for.
                    additional_config:
                      nullable: true
                      default: {}
                    ratio:
                      type: number
                      format: float
                      default: 0.5
                      x-example-description: Example
                      example: 0.1

            """, yaml);
        var schema = DataValuesInspection.OpenApiSchema(files, new TemplateOptions());
        Assert.Equal("object", schema.Find("type")!.Value);
    }

    [Fact]
    public void Values_under_any_may_add_keys_and_validations_name_where_a_value_was_set()
    {
        const string schema = "#@data/values-schema\n---\n#@schema/validation min=1\nreplicas: 1\n#@schema/type any=True\nextra: {}\n";
        string yaml = Render(new TemplateOptions(), ("schema.yml", schema), ("values.yml", "#@data/values\n---\nextra:\n  foo:\n    bar: 1\n"), ("echo.yml", Echo));
        Assert.Equal("replicas: 1\nextra:\n  foo:\n    bar: 1\n", yaml);
        string err = RenderError(new TemplateOptions(), ("schema.yml", schema), ("values.yml", "#@data/values\n---\nreplicas: 0\n"), ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  replicas\n    from: values.yml:3\n    - must be: a value >= 1 (by: schema.yml:3)\n      found: value < 1\n\n", err);
    }

    [Fact]
    public void Document_validations_cover_the_whole_of_the_values()
    {
        string err = RenderError(new TemplateOptions(),
            ("schema.yml", "#@data/values-schema\n#@schema/validation (\"foo > 2\", lambda v: v[\"foo\"] > 2)\n---\nfoo: 0\n"),
            ("values.yml", "#@data/values\n---\nfoo: 1\n"),
            ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  (document)\n    from: schema.yml:3\n    - must be: foo > 2 (by: schema.yml:2)\n\n", err);
    }

    [Fact]
    public void Rules_on_values_documents_apply_only_to_nodes_they_add()
    {
        string err = RenderError(new TemplateOptions(),
            ("schema.yml", "#@data/values-schema\n#@schema/validation (\"has 3 map items\", lambda v: len(v) == 3)\n---\n#@schema/validation (\"non-zero\", lambda v: v > 0)\nfoo: 0\n#@schema/validation (\"has 2 items\", lambda v: len(v) == 2)\nbar:\n- 0\n"),
            ("values.yml", "#@data/values\n#@assert/validate (\"has 3 map items\", lambda v: len(v) == 3)\n---\n#@assert/validate (\"non-zero\", lambda v: v > 0)\nfoo: -1\n#@assert/validate (\"has 2 items\", lambda v: len(v) == 2)\nbar:\n- 0\n"),
            ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  (document)\n    from: schema.yml:3\n    - must be: has 3 map items (by: schema.yml:2)\n\n  foo\n    from: values.yml:5\n    - must be: non-zero (by: schema.yml:4)\n\n  bar\n    from: schema.yml:7\n    - must be: has 2 items (by: schema.yml:6)\n\n", err);

        err = RenderError(new TemplateOptions(),
            ("schema.yml", "#@data/values-schema\n---\nfoo:\n#@schema/validation (\"non-zero\", lambda v: v > 0)\n- 0\n"),
            ("values.yml", "#@data/values\n---\nfoo:\n#@assert/validate (\"be odd\", lambda v: v % 2 == 1)\n- 0\n#@assert/validate (\"be even\", lambda v: v % 2 == 0)\n- -1\n"),
            ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  foo[0]\n    from: values.yml:5\n    - must be: non-zero (by: schema.yml:4)\n\n  foo[0]\n    from: values.yml:5\n    - must be: be odd (by: values.yml:4)\n\n  foo[1]\n    from: values.yml:7\n    - must be: non-zero (by: schema.yml:4)\n\n  foo[1]\n    from: values.yml:7\n    - must be: be even (by: values.yml:6)\n\n", err);
    }

    [Fact]
    public void Schema_overlays_keep_rules_of_existing_values_and_add_rules_of_new_ones()
    {
        string err = RenderError(new TemplateOptions(),
            ("schema.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n#@data/values-schema\n---\n#@schema/validation (\"a long string\", lambda v: len(v) > 10)\nexisting: \"\"\n\n#@data/values-schema\n---\n#@schema/validation (\"at least not empty\", lambda v: len(v) > 0)\nexisting: \"\"\n#@overlay/match missing_ok=True\n#@schema/validation (\"non-empty\", lambda v: len(v) > 0)\nnew: \"\"\n"),
            ("values.yml", "#@data/values\n---\nexisting: foo\n"),
            ("echo.yml", Echo));
        Assert.Equal("Validating final data values:\n  existing\n    from: values.yml:3\n    - must be: a long string (by: schema.yml:4)\n\n  new\n    from: schema.yml:13\n    - must be: non-empty (by: schema.yml:12)\n\n", err);
    }

    [Fact]
    public void A_schema_may_declare_an_array_or_a_scalar_as_the_values()
    {
        const string tpl = "#@ load(\"@ytt:data\", \"data\")\n---\nrendered: #@ data.values\n";
        Assert.Equal("rendered:\n- first\n- second\n", Render(new TemplateOptions(),
            ("schema.yml", "#@data/values-schema\n---\n- \"\"\n"), ("values.yml", "#@data/values\n---\n- first\n- second\n"), ("t.yml", tpl)));
        Assert.Equal("rendered: 13\n", Render(new TemplateOptions(),
            ("schema.yml", "#@data/values-schema\n---\n42\n"), ("values.yml", "#@data/values\n---\n13\n"), ("t.yml", tpl)));
    }
}
