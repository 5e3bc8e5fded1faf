using System.Text;
using Hull.Templating.Files;

namespace Hull.Templating.Tests.Overlays;

/// <summary>Merging into large maps goes through the key index; results must equal the scanning path's.</summary>
public sealed class MapKeyIndexTests
{
    [Fact]
    public void LargeMapMergeRemoveAddAndReplaceKeepOrder()
    {
        var left = new StringBuilder();
        for (int i = 0; i < 40; i++) left.Append("k").Append(i).Append(": ").Append(i).Append('\n');
        string overlay = """
            #@ load("@ytt:overlay", "overlay")
            #@overlay/match by=overlay.all
            ---
            k3: three
            #@overlay/remove
            k1:
            k39: last
            #@overlay/match missing_ok=True
            k40: new
            #@overlay/remove
            k0:
            #@overlay/replace
            k5: five
            k2: two

            """;
        var files = new List<InputFile>
        {
            new("left.yml", Encoding.UTF8.GetBytes(left.ToString()), FileKind.YamlTemplate),
            new("overlay.yml", Encoding.UTF8.GetBytes(overlay), FileKind.YamlTemplate),
        };
        string output = TemplateRenderer.Render(files, new TemplateOptions()).CombinedYaml();

        var expected = new StringBuilder();
        for (int i = 2; i < 40; i++)
        {
            string value = i switch { 2 => "two", 3 => "three", 5 => "five", 39 => "last", _ => i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            expected.Append('k').Append(i).Append(": ").Append(value).Append('\n');
        }
        expected.Append("k40: new\n");
        Assert.Equal(expected.ToString(), output);
    }
}
