package cn.weineng.catalogue.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Loads the shipped catalogues at start-up, after the schema is migrated. */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class CatalogueLoader {

  @Inject CatalogueService catalogue;

  @PostConstruct
  void load() {
    catalogue.loadShipped();
  }
}
