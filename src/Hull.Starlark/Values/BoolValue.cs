using System.Text;

namespace Hull.Starlark.Values;

/// <summary>True or False.</summary>
public sealed class BoolValue : Value
{
    /// <summary>True.</summary>
    public static readonly BoolValue True = new(true);
    /// <summary>False.</summary>
    public static readonly BoolValue False = new(false);

    private BoolValue(bool v) => Value = v;

    /// <summary>The boolean.</summary>
    public bool Value { get; }

    /// <summary>The Starlark bool for a .NET bool.</summary>
    public static BoolValue Of(bool b) => b ? True : False;

    /// <inheritdoc/>
    public override string Type => "bool";
    /// <inheritdoc/>
    public override bool Truth => Value;
    /// <inheritdoc/>
    public override int Hash() => Value ? 1 : 0;
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append(Value ? "True" : "False");
    /// <inheritdoc/>
    public override bool IsOrdered => true;
    /// <inheritdoc/>
    public override int CompareSameType(Value other, int depth) => Value.CompareTo(((BoolValue)other).Value);
}
