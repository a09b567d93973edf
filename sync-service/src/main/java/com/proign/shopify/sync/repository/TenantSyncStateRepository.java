package com.proign.shopify.sync.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.TenantSyncState;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TenantSyncStateRepository implements PanacheRepositoryBase<TenantSyncState, String> {
}
