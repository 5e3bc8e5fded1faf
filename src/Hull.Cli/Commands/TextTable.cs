namespace Hull.Cli.Commands;

/// <summary>A plain aligned table as kubectl prints one: upper-case headers, columns separated by two spaces.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are empty, line breaks become spaces.</summary>
    public TextTable Add(params string?[] cells)
    {
        _rows.Add(headers.Select((_, i) => i < cells.Length ? (cells[i] ?? "").ReplaceLineEndings(" ") : "").ToArray());
        return this;
    }

    /// <summary>Whether any row was added.</summary>
    public bool IsEmpty => _rows.Count == 0;

    /// <summary>Writes the headers and rows; the last column is not padded.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            var cells = row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
