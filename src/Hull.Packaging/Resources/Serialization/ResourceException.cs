using Hull.Failures;
using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>
/// A resource document Hull cannot read: names the file, line, document, resource and field, and what is wrong,
/// e.g. <c>packages/a/1.0.0.yml:7: document 2 (Package a.corp.com.1.0.0): spec.version: expected a string, got 1</c>.
/// </summary>
public sealed class ResourceException : HullException
{
    /// <summary>Creates the error from its parts; the message is composed from them.</summary>
    public ResourceException(string file, Position position, int document, string? resource, string field, string problem, Exception? inner = null)
        : base(Compose(file, position, document, resource, field, problem), inner)
    {
        File = file;
        Line = position.Line;
        Document = document;
        Resource = resource;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or other source) the document came from.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the offending field; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based index of the document within the file; 0 when not applicable.</summary>
    public int Document { get; }

    /// <summary>The resource as <c>Kind name</c>, when known.</summary>
    public string? Resource { get; }

    /// <summary>The field path (e.g. <c>spec.template.spec.fetch[0].imgpkgBundle.image</c>); empty for the whole document.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    // file[:line]:[ document N (Kind name):][ field:] problem
    private static string Compose(string file, Position position, int document, string? resource, string field, string problem)
    {
        var sb = new System.Text.StringBuilder(file);
        if (position.IsKnown)
        {
            sb.Append(':').Append(position.Line);
        }
        sb.Append(':');
        if (document > 0)
        {
            sb.Append(" document ").Append(document);
            if (resource is not null)
            {
                sb.Append(" (").Append(resource).Append(')');
            }
            sb.Append(':');
        }
        else if (resource is not null)
        {
            sb.Append(' ').Append(resource).Append(':');
        }
        if (field.Length > 0)
        {
            sb.Append(' ').Append(field).Append(':');
        }
        return sb.Append(' ').Append(problem).ToString();
    }
}
