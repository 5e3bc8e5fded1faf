namespace Hull.Templating.Text;

/// <summary>A node of a compiled text template in the node table: the template's root, or one of its pieces.</summary>
public abstract record TextTemplateNode;

/// <summary>Marks the root of a text template in the node table.</summary>
public sealed record TextRootNode : TextTemplateNode;
