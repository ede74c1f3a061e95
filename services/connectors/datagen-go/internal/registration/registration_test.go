package registration

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// testEtcdVariable names an etcd endpoint to test registration against; the test is skipped without one,
// since a unit test run must not need etcd.
const testEtcdVariable = "CONNECT_MESH_TEST_ETCD_ENDPOINT"

func TestRegisterKeepsTheEntryUnderALeaseAndDeregisterDeletesIt(t *testing.T) {
	endpoint := os.Getenv(testEtcdVariable)
	if endpoint == "" {
		t.Skipf("set %s to an etcd client URL (e.g. http://127.0.0.1:2379) to test registration against a real etcd", testEtcdVariable)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cluster := fmt.Sprintf("datagen-test-%d", time.Now().UnixNano())
	registration, err := Register(ctx, Options{
		Endpoints:  []string{endpoint},
		Cluster:    cluster,
		InstanceID: "datagen/test 1",
		Address:    "127.0.0.1:4000",
		Version:    "0.1.0",
		Plugins:    []*connectmeshv1.Plugin{{ClassName: "dev.connectmesh.datagen.DatagenSource", Kind: connectmeshv1.PluginKind_PLUGIN_KIND_SOURCE}},
		Logger:     slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	observer, err := clientv3.New(clientv3.Config{Endpoints: []string{endpoint}, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = observer.Close() }()

	key := "/connect-mesh/" + cluster + "/services/connector/datagen%2Ftest%201"
	got, err := observer.Get(ctx, key)
	if err != nil || len(got.Kvs) != 1 {
		t.Fatalf("reading %s: %v, %d keys; want the entry", key, err, len(got.Kvs))
	}
	var entry serviceEntry
	if err := json.Unmarshal(got.Kvs[0].Value, &entry); err != nil || entry.InstanceID != "datagen/test 1" || entry.Address != "127.0.0.1:4000" {
		t.Errorf("entry = %s (%v)", got.Kvs[0].Value, err)
	}
	lease, err := observer.TimeToLive(ctx, clientv3.LeaseID(got.Kvs[0].Lease))
	if err != nil || lease.GrantedTTL != 10 || lease.TTL <= 0 {
		t.Errorf("the entry's lease: %+v, %v; want a live 10 s lease", lease, err)
	}

	// Losing the lease (here revoked, as etcd does when keep-alives stop for a TTL) deletes the entry; the
	// service must come back under a new lease by itself.
	if _, err := observer.Revoke(ctx, clientv3.LeaseID(got.Kvs[0].Lease)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		again, err := observer.Get(ctx, key)
		if err == nil && len(again.Kvs) == 1 && again.Kvs[0].Lease != got.Kvs[0].Lease {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not registered again within 10 s of losing the lease; last read %v, %v", again, err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	if err := registration.Deregister(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := observer.Get(ctx, key); err != nil || len(got.Kvs) != 0 {
		t.Errorf("after Deregister: %v, %d keys; want none", err, len(got.Kvs))
	}
}
