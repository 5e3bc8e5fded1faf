using System.Text;

namespace Hull.Templating.Evaluation;

/// <summary>A node an evaluated text template builds: the whole text, or one piece of it.</summary>
public abstract class TextNode;

/// <summary>An evaluated text template: pieces of text in order.</summary>
public sealed class TextResult : TextNode
{
    /// <summary>The pieces.</summary>
    public List<TextResultPiece> Pieces { get; } = [];

    /// <summary>The text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var p in Pieces) sb.Append(p.Text);
        return sb.ToString();
    }
}

/// <summary>One piece of an evaluated text template: literal text, or a printed value.</summary>
public sealed class TextResultPiece : TextNode
{
    /// <summary>The piece's text.</summary>
    public string Text { get; set; } = "";
}
