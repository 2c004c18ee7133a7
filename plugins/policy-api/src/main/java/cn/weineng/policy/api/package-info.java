/**
 * The region-policy SPI: what a policy plugin implements and everything it is given.
 *
 * <p>A plugin ships a {@link cn.weineng.policy.api.RegionPolicyFactory} listed in {@code
 * META-INF/services/cn.weineng.policy.api.RegionPolicyFactory}. The host finds it with {@link
 * java.util.ServiceLoader}, refuses it when {@link
 * cn.weineng.policy.api.RegionPolicyFactory#requiresSpi()} is above {@link
 * cn.weineng.policy.api.RegionPolicyFactory#SPI_VERSION}, gives it only its own configuration slice
 * ({@code policy.<id>.*}) and asks it, per statement, which hours it earns ({@link
 * cn.weineng.policy.api.RegionPolicy#credit}) and, per learner, whether the hours qualify ({@link
 * cn.weineng.policy.api.RegionPolicy#evaluate}).
 *
 * <p>Everything here is plain Java: records and interfaces, no framework types. A policy is pure,
 * stateless and thread-safe, so that the host can replay the ledger under any policy version at any
 * time.
 */
package cn.weineng.policy.api;
