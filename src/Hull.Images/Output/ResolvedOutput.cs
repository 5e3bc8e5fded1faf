using System.Text;
using Hull.Images.Search;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>kbld's standard output: each resource behind <c>---</c>, as sigs.k8s.io/yaml writes it.</summary>
public static class ResolvedOutput
{
    /// <summary>The YAML stream of <paramref name="resources"/>.</summary>
    public static string Emit(IEnumerable<Resource> resources)
    {
        var sb = new StringBuilder();
        foreach (var resource in resources)
        {
            sb.Append("---\n").Append(GoYaml.Emit(resource.Root));
        }
        return sb.ToString();
    }

    /// <summary>kbld's <c>--unresolved-inspect</c>: the references found, sorted, as <c>- image: REF</c>.</summary>
    public static string Unresolved(ResolveResult result) =>
        GoYaml.Emit(new YamlArray(result.Images.Select(i => new ArrayItem(new Map([new MapItem("image", i.Id)])))));
}
