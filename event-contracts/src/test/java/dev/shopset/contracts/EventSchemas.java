package dev.shopset.contracts;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the JSON Schema of every event type from its record. A component is required when it is
 * primitive or its record's constructor refuses null for it (found by trying, with the samples as
 * the other values).
 */
final class EventSchemas {

  private final Map<Class<?>, Record> samplesByClass = new HashMap<>();
  private final SchemaGenerator generator;

  EventSchemas() {
    for (EventType type : EventType.values()) {
      collect(EventSamples.of(type));
    }
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(
                com.github.victools.jsonschema.generator.Option
                    .MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
    config.forFields().withRequiredCheck(this::required);
    generator = new SchemaGenerator(config.build());
  }

  /** File name to schema text, one per event type. */
  Map<String, String> all() throws Exception {
    Map<String, String> schemas = new TreeMap<>();
    for (EventType type : EventType.values()) {
      ObjectNode schema = generator.generateSchema(type.recordClass());
      ObjectNode ordered = EventCodec.json().createObjectNode();
      ordered.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      ordered.put("$id", type.schemaUri());
      ordered.put("title", type.type());
      ordered.put("description", description(type));
      schema.remove("$schema");
      schema.remove("description");
      mergeDescriptions(schema);
      ordered.setAll(schema);
      schemas.put(
          type.type() + ".json",
          EventCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(ordered) + "\n");
    }
    return schemas;
  }

  /**
   * A property whose type is a described record comes out as {@code allOf: [type, {description}]};
   * this makes it the type with the property's description, which reads the same in every JSON
   * Schema draft.
   */
  private static void mergeDescriptions(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode allOf = object.get("allOf");
      if (allOf != null
          && allOf.size() == 2
          && allOf.get(0).isObject()
          && allOf.get(1).size() == 1
          && allOf.get(1).has("description")) {
        ObjectNode type = (ObjectNode) allOf.get(0);
        String description = allOf.get(1).get("description").asText();
        object.remove("allOf");
        type.remove("description");
        object.setAll(type);
        object.put("description", description);
      }
      object.forEach(EventSchemas::mergeDescriptions);
    } else if (node != null && node.isArray()) {
      node.forEach(EventSchemas::mergeDescriptions);
    }
  }

  /** The record's own description, then where it travels. */
  static String description(EventType type) {
    JsonClassDescription what = type.recordClass().getAnnotation(JsonClassDescription.class);
    if (what == null) {
      throw new IllegalStateException(
          type.recordClass().getName()
              + " needs a @JsonClassDescription: it becomes its schema's description and its"
              + " AsyncAPI message summary");
    }
    return what.value()
        + " Body of a "
        + type.type()
        + " CloudEvent on topic "
        + type.topic()
        + ".";
  }

  private boolean required(FieldScope field) {
    if (field.getType().getErasedType().isPrimitive()) {
      return true;
    }
    Class<?> owner = field.getDeclaringType().getErasedType();
    Record sample = samplesByClass.get(owner);
    if (sample == null || !owner.isRecord()) {
      return false;
    }
    return rejectsNull(sample, field.getDeclaredName());
  }

  private static boolean rejectsNull(Record sample, String component) {
    try {
      RecordComponent[] components = sample.getClass().getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] =
            components[i].getName().equals(component)
                ? null
                : components[i].getAccessor().invoke(sample);
      }
      Constructor<?> constructor = sample.getClass().getDeclaredConstructor(types);
      constructor.newInstance(args);
      return false;
    } catch (java.lang.reflect.InvocationTargetException e) {
      return e.getCause() instanceof IllegalArgumentException;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private void collect(Object value) {
    if (value instanceof Record record) {
      samplesByClass.putIfAbsent(record.getClass(), record);
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          collect(component.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (value instanceof Iterable<?> items) {
      items.forEach(this::collect);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(this::collect);
    }
  }
}
