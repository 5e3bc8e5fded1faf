using System.Text;
using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>Where a read is: file, document, resource and field path; collects warnings and raises located errors.</summary>
internal sealed class ReadContext(string file, int document, List<string> warnings)
{
    private readonly List<string> _path = [];

    public string File { get; } = file;

    public int Document { get; } = document;

    /// <summary>The line of each field read (by path, e.g. <c>spec.version</c>), for checks made after reading.</summary>
    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

    public void RecordLine(Position at)
    {
        if (at.IsKnown)
        {
            Lines[FieldPath] = at.Line;
        }
    }

    /// <summary><c>Kind name</c> once the document's kind and name are known, for messages.</summary>
    public string? Resource { get; set; }

    public void Push(string segment) => _path.Add(segment);

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    public string FieldPath
    {
        get
        {
            var sb = new StringBuilder();
            foreach (string s in _path)
            {
                if (sb.Length > 0 && s[0] != '[')
                {
                    sb.Append('.');
                }
                sb.Append(s);
            }
            return sb.ToString();
        }
    }

    public ResourceException Error(Position at, string problem) =>
        new(File, at, Document, Resource, FieldPath, problem);

    public void Warn(Position at, string problem) => warnings.Add(Error(at, problem).Message);
}
