using System.Text;

namespace Hull.Starlark.Values;

/// <summary>The None value.</summary>
public sealed class NoneValue : Value
{
    /// <summary>The single instance.</summary>
    public static readonly NoneValue None = new();

    private NoneValue() { }

    /// <inheritdoc/>
    public override string Type => "NoneType";
    /// <inheritdoc/>
    public override bool Truth => false;
    /// <inheritdoc/>
    public override int Hash() => 0;
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("None");
}
