import Foundation
import Logging
import Testing

@testable import KubeSandbox

/// The store's owner index and the controllers' work queues, checked against what they stand for
/// on a store whose controllers run only when the test says so.
struct StoreIndexTests {
    private let settings = ControllerSettings(
        readyAfter: .zero, imageRules: [], backOff: .seconds(10), terminationDelay: .zero, kubeletVersion: "v1.30.0")
    private let deployments = ResourceCatalog.deployments
    private let replicaSets = ResourceCatalog.replicaSets
    private let pods = ResourceCatalog.pods

    private func makeStore() async -> ObjectStore {
        let store = ObjectStore(historyLimit: 1000, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        await store.bootstrap(nodes: SandboxConfiguration.nodes(count: 2), kubeletVersion: "v1.30.0", serverPort: 6443)
        return store
    }

    /// The owner index as a scan of every stored object's `ownerReferences` gives it.
    private func scannedDependents(_ store: isolated ObjectStore) -> [String: Set<ObjectStore.DependentRef>] {
        var expected: [String: Set<ObjectStore.DependentRef>] = [:]
        for (type, table) in store.tables {
            for (key, object) in table.objects {
                for uid in ObjectStore.ownerUIDs(object) { expected[uid, default: []].insert(.init(type: type, key: key)) }
            }
        }
        return expected
    }

    private func objectCount(_ store: isolated ObjectStore) -> Int {
        store.tables.values.reduce(0) { $0 + $1.objects.count }
    }

    /// Runs controller passes until they change nothing more (at most `limit`).
    private func settle(_ store: ObjectStore, limit: Int = 20) async {
        for _ in 0..<limit {
            let before = await store.resourceVersion
            _ = await store.runControllers(settings)
            if await store.resourceVersion == before { return }
        }
    }

    private func drainQueues(_ store: isolated ObjectStore) {
        _ = store.controllerState.deploymentQueue.take()
        _ = store.controllerState.replicaSetQueue.take()
    }

    private func queued(_ store: isolated ObjectStore) -> (deployments: WorkQueue, replicaSets: WorkQueue) {
        (store.controllerState.deploymentQueue, store.controllerState.replicaSetQueue)
    }

    private func owned(_ store: ObjectStore, by owner: StoredObject, _ type: ResourceType) async -> [StoredObject] {
        await store.ownedObjects(of: owner.uid, type: type, namespace: owner.namespace)
    }

    /// The owner and uid indexes stay equal to a scan of the stored objects through creates,
    /// controller-made ReplicaSets and pods, a background cascade, a pod replaced and an orphaning delete.
    @Test func ownerIndexMatchesTheStoredOwnerReferences() async throws {
        let store = await makeStore()
        let context = WriteContext(manager: "test")
        let a = try await store.create(deployments, namespace: "default", body: Manifests.deployment("a", replicas: 2), context: context)
        let b = try await store.create(deployments, namespace: "default", body: Manifests.deployment("b", replicas: 2), context: context)
        await settle(store)
        #expect(await store.dependents == scannedDependents(store))
        #expect(await store.uidIndex.count == objectCount(store))
        let setsOfA = await owned(store, by: a, replicaSets)
        #expect(setsOfA.count == 1)
        let podsOfA = try await owned(store, by: #require(setsOfA.first), pods)
        #expect(podsOfA.count == 2)

        // Background cascade: the Deployment, then its ReplicaSet, then its pods go.
        _ = try await store.delete(deployments, namespace: "default", name: "a", options: DeleteOptions())
        await settle(store)
        #expect(await store.dependents == scannedDependents(store))
        #expect(await store.uidIndex.count == objectCount(store))
        for object in setsOfA + podsOfA {
            #expect(await store.object(uid: object.uid) == nil, "\(object.name) outlived its owner")
            #expect(await store.dependents[object.uid] == nil)
        }
        #expect(await store.dependents[a.uid] == nil)

        // A deleted pod is replaced; the index follows both.
        let setOfB = try #require(await owned(store, by: b, replicaSets).first)
        let podsOfB = await owned(store, by: setOfB, pods)
        let victim = try #require(podsOfB.first)
        var options = DeleteOptions()
        options.gracePeriodSeconds = 0
        _ = try await store.delete(pods, namespace: "default", name: victim.name, options: options)
        await settle(store)
        let replaced = await owned(store, by: setOfB, pods)
        #expect(replaced.count == 2)
        #expect(!replaced.contains { $0.uid == victim.uid })
        #expect(await store.dependents == scannedDependents(store))

        // Orphaning: the ReplicaSet stays, without its owner reference, and leaves the index.
        options = DeleteOptions()
        options.propagation = .orphan
        _ = try await store.delete(deployments, namespace: "default", name: "b", options: options)
        await settle(store)
        #expect(await store.get(deployments, namespace: "default", name: "b") == nil)
        #expect(await store.get(replicaSets, namespace: "default", name: setOfB.name) != nil)
        #expect(await store.dependents[b.uid] == nil)
        #expect(await store.dependents == scannedDependents(store))
        #expect(await store.uidIndex.count == objectCount(store))
    }

    /// A change queues only the objects whose controllers it concerns: a pod's change its
    /// ReplicaSet, a ReplicaSet's change itself and its Deployment, an unrelated object nothing,
    /// so a controller pass costs the changed objects and not every stored one.
    @Test func changesQueueOnlyTheirObjectsAndOwners() async throws {
        let store = await makeStore()
        let context = WriteContext(manager: "test")
        let a = try await store.create(deployments, namespace: "default", body: Manifests.deployment("a", replicas: 1), context: context)
        _ = try await store.create(deployments, namespace: "default", body: Manifests.deployment("b", replicas: 1), context: context)
        await settle(store)
        let setOfA = try #require(await owned(store, by: a, replicaSets).first)
        let podOfA = try #require(await owned(store, by: setOfA, pods).first)
        let setKey = ObjectKey(namespace: "default", name: setOfA.name)
        let deploymentKey = ObjectKey(namespace: "default", name: "a")

        await drainQueues(store)
        var pod = podOfA.object
        pod.setValue("x", at: ["metadata", "annotations", "touched"])
        _ = await store.controllerWrite(pods, pod)
        var (queuedDeployments, queuedSets) = await queued(store)
        #expect(queuedSets.count == 1 && queuedSets.contains(setKey))
        #expect(queuedDeployments.count == 0)

        await drainQueues(store)
        var replicaSet = try #require(await store.get(replicaSets, namespace: "default", name: setOfA.name)).object
        replicaSet.setValue("x", at: ["metadata", "annotations", "touched"])
        _ = await store.controllerWrite(replicaSets, replicaSet)
        (queuedDeployments, queuedSets) = await queued(store)
        #expect(queuedDeployments.count == 1 && queuedDeployments.contains(deploymentKey))
        #expect(queuedSets.count == 1 && queuedSets.contains(setKey))

        await drainQueues(store)
        _ = try await store.create(ResourceCatalog.configMaps, namespace: "default", body: Manifests.configMap("unrelated"), context: context)
        (queuedDeployments, queuedSets) = await queued(store)
        #expect(queuedDeployments.count == 0 && queuedSets.count == 0)

        // With nothing queued and nothing due, a pass writes nothing.
        let before = await store.resourceVersion
        _ = await store.runControllers(settings)
        #expect(await store.resourceVersion == before)
    }
}
