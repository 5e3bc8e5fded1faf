using Hull.Packaging.Available;
using Hull.Yaml;

namespace Hull.Packaging.Tests.Available;

public sealed class ValuesSchemaRowsTests
{
    [Fact]
    public void FlattensPropertiesInSchemaOrder()
    {
        // The shape ytt's --data-values-schema-inspect -o openapi-v3 produces.
        const string schema = """
            type: object
            additionalProperties: false
            properties:
              domain:
                type: string
                default: ""
                description: The domain of the wildcard certificate
              aws:
                type: object
                additionalProperties: false
                properties:
                  region:
                    type: string
                    default: eu-west-1
              replicas:
                type: integer
                default: 2
              args:
                type: array
                default: []
                items:
                  type: object
                  properties:
                    name:
                      type: string
                      default: x
              annotations:
                type: object
                default: {a: b}
                nullable: true
                default: null
            """;

        var rows = ValuesSchemaRows.From(YamlParser.Parse(schema, "s.yml").Items[0].Value);

        Assert.Equal(
            [
                new ValuesSchemaRow("domain", "string", "", "The domain of the wildcard certificate"),
                new ValuesSchemaRow("aws", "object", "", ""),
                new ValuesSchemaRow("aws.region", "string", "eu-west-1", ""),
                new ValuesSchemaRow("replicas", "integer", "2", ""),
                new ValuesSchemaRow("args", "array", "[]", ""),
                new ValuesSchemaRow("args[].name", "string", "x", ""),
                new ValuesSchemaRow("annotations", "object", "null", ""),
            ],
            rows);
    }

    [Fact]
    public void NoSchemaNoRows()
    {
        Assert.Empty(ValuesSchemaRows.From(null));
        Assert.Empty(ValuesSchemaRows.From("not a map"));
    }
}
