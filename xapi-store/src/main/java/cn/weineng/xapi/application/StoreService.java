package cn.weineng.xapi.application;

import java.util.List;

/** Stores: one LRS per training institute, the unit of tenancy. */
public interface StoreService {

  /** Creates a store; false when the id is taken. */
  boolean create(String id, String name);

  List<StoreInfo> list();

  /** A store. */
  record StoreInfo(String id, String name) {}
}
