using Hull.Images.Output;
using Hull.Yaml;

namespace Hull.Images.Tests;

/// <summary>go-yaml v2 folds long scalars at column 80 (kubectl's and kbld's YAML look like this).</summary>
public class LineFoldingTests
{
    private static string Emit(string yaml) => GoYaml.Emit(YamlParser.Parse(yaml, "in.yml").Items.First(d => !d.Injected).Value);

    [Fact]
    public void PlainValuesBreakAtTheFirstSpacePastColumn80()
    {
        Assert.Equal(
            "SponsorName: Computer Center, Department of Computer Science, National Yang Ming Chiao\n  Tung University\n",
            Emit("SponsorName: Computer Center, Department of Computer Science, National Yang Ming Chiao Tung University\n"));
    }

    [Fact]
    public void SingleQuotedValuesContinueTwoColumnsRightOfTheirKey()
    {
        const string description = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
        Assert.Equal("""
            a:
              b:
                c:
                  d:
                    e:
                      f:
                        description: 'APIVersion defines the versioned schema of this representation
                          of an object. Servers should convert recognized schemas to the latest
                          internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources'

            """, Emit($"a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            description: '{description}'\n"));
    }

    [Fact]
    public void SequenceItemsKeysAndBlockScalarsAreHandled()
    {
        string words = string.Join(' ', Enumerable.Range(0, 30).Select(i => "word" + i));
        string folded = Emit($"args:\n- {words}\nnote: |\n  {words}\n  second line\n");
        Assert.Equal($"""
            args:
            - word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12
              word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24
              word25 word26 word27 word28 word29
            note: |
              {words}
              second line

            """, folded);
        Assert.Equal("short: a b c\n", Emit("short: a b c\n"));
    }
}
