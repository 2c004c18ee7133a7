package cn.weineng.catalogue.domain;

import java.util.List;
import java.util.Optional;

/**
 * A point's submission guide (提交指南) as the engine needs it: the evidence items, each with its form,
 * the media types and size it takes and its rubric, and the data rule that may stand in for them
 * (Hunan 方式二).
 */
public record Guide(List<EvidenceItem> items, DataRule dataRule) {

  public Guide {
    items = List.copyOf(items);
  }

  public Optional<EvidenceItem> item(String key) {
    return items.stream().filter(i -> i.key().equals(key)).findFirst();
  }

  public Optional<DataRule> rule() {
    return Optional.ofNullable(dataRule);
  }

  /** One evidence item: a plan, a video of at most five minutes, a reflection… */
  public record EvidenceItem(
      String key,
      String name,
      String nameEn,
      String form,
      List<String> mediaTypes,
      long maxBytes,
      Integer maxDurationSeconds,
      Rubric rubric) {

    public EvidenceItem {
      mediaTypes = List.copyOf(mediaTypes);
    }

    /** True when the item takes this media type (compared without parameters, ignoring case). */
    public boolean takes(String mediaType) {
      if (mediaType == null) {
        return false;
      }
      String bare = mediaType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
      return mediaTypes.stream().anyMatch(m -> m.equalsIgnoreCase(bare));
    }
  }

  /** The criteria of 优秀, 合格 and 不合格 for an item. */
  public record Rubric(String excellent, String pass, String fail) {}

  /**
   * Evidence by data: statements of the teacher naming the point (as object or context activity)
   * with this verb, at least {@code minCount}, each scoring at least {@code minScaled} when given.
   */
  public record DataRule(String verb, String activityType, int minCount, Double minScaled) {}
}
