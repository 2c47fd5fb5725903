package dev.shopset.shopctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}: how a command prints what it found or did. */
public class Output {

  /** The formats. */
  public enum Format {
    table,
    json,
    yaml
  }

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default), json or yaml.")
  Format format = Format.table;

  /** An output that prints nothing (for a step whose result another line reports). */
  static Output silent() {
    return new Output() {
      @Override
      public boolean table() {
        return false;
      }

      @Override
      public void data(PrintWriter out, Object value) {}
    };
  }

  public boolean table() {
    return format == Format.table;
  }

  /** Prints {@code value} as JSON or YAML (only when the format is not table). */
  public void data(PrintWriter out, Object value) {
    try {
      if (format == Format.json) {
        out.println(JSON.writeValueAsString(value));
      } else {
        out.print(YAML.writeValueAsString(value));
      }
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints rows under headers, columns padded to their widest cell, three spaces apart. */
  public static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    int[] widths = new int[headers.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], cell(row.get(i)).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = cell(row.get(i));
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 3));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static String cell(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  /** The first 7 hex digits of a commit, as git shows it; "-" for none. */
  public static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(7, sha.length()));
  }
}
