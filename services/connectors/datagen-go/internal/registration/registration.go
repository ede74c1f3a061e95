package registration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// DefaultLeaseTTL is how long the registry keeps a dead instance listed, as the TypeScript services do.
const DefaultLeaseTTL = 10 * time.Second

const (
	// requestTimeout bounds each etcd request, so an unreachable etcd is an error, not a hang.
	requestTimeout = 5 * time.Second
	// The backoff between attempts to register again after losing the lease: jittered, doubling, capped.
	firstRetryDelay = time.Second
	maxRetryDelay   = 10 * time.Second
)

// Options say where and as whom a connector service registers.
type Options struct {
	// Endpoints are etcd client URLs, e.g. "http://127.0.0.1:2379".
	Endpoints []string
	// Cluster is the cluster's name; the registry lives under /connect-mesh/<cluster>.
	Cluster string
	// InstanceID is unique among the instances of this service, and stable across restarts where possible.
	InstanceID string
	// Address is where workers reach the service, "host:port".
	Address string
	// MetricsAddress is where the service serves Prometheus /metrics, "host:port"; empty if it does not.
	MetricsAddress string
	// Plugins are the hosted plugins, as Describe returns them.
	Plugins []*connectmeshv1.Plugin
	// Version is the service's version.
	Version string
	// LeaseTTL is DefaultLeaseTTL when zero; etcd counts whole seconds.
	LeaseTTL time.Duration
	Logger   *slog.Logger
}

// Registration is a service's entry in the registry, kept until Deregister.
type Registration struct {
	client  *clientv3.Client
	key     string
	options Options
	logger  *slog.Logger
	// stopKeeping ends keepRegistered, which closes kept when it has returned.
	stopKeeping context.CancelFunc
	kept        chan struct{}
	// mu guards lease, the lease the entry is under now, which keepRegistered replaces.
	mu    sync.Mutex
	lease clientv3.LeaseID
	// deregistered makes Deregister run once.
	deregistered sync.Once
}

// Register writes the service's entry under a new lease and keeps it there: if the lease is lost (etcd
// unreachable for longer than its TTL), it registers again under a new one. It fails if the first
// registration does not succeed within a few seconds, since a connector service nobody can find is of no
// use; the error says which endpoints were tried.
func Register(ctx context.Context, options Options) (*Registration, error) {
	if options.LeaseTTL <= 0 {
		options.LeaseTTL = DefaultLeaseTTL
	}
	client, err := clientv3.New(clientv3.Config{
		Endpoints:   options.Endpoints,
		DialTimeout: requestTimeout,
		// The client's own logs would be a second, differently shaped stream; its failures reach us as
		// errors, and those are logged here.
		Logger: zap.NewNop(),
	})
	if err != nil {
		return nil, fmt.Errorf("connecting to etcd at %s: %w; check CONNECT_MESH_ETCD_ENDPOINTS", strings.Join(options.Endpoints, ","), err)
	}
	key := serviceKey(options.Cluster, connectorServiceType, options.InstanceID)
	keeping, stopKeeping := context.WithCancel(context.Background())
	r := &Registration{
		client:      client,
		key:         key,
		options:     options,
		logger:      options.Logger.With("component", "registration", "instance_id", options.InstanceID, "key", key),
		stopKeeping: stopKeeping,
		kept:        make(chan struct{}),
	}
	keepAlive, err := r.register(ctx, keeping)
	if err != nil {
		stopKeeping()
		_ = client.Close()
		return nil, fmt.Errorf("registering in the service registry at %s: %w; start etcd (cmesh up) or check CONNECT_MESH_ETCD_ENDPOINTS",
			strings.Join(options.Endpoints, ","), err)
	}
	r.logger.Info("registered in the service registry", "plugins", len(options.Plugins))
	go r.keepRegistered(keeping, keepAlive)
	return r, nil
}

// register grants a lease, writes the entry under it and keeps the lease alive until keeping ends; the
// returned channel closes when the lease is lost. ctx bounds only the grant and the write.
func (r *Registration) register(ctx, keeping context.Context) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	value, err := json.Marshal(newServiceEntry(r.options, time.Now()))
	if err != nil {
		return nil, fmt.Errorf("encoding the registry entry: %w", err)
	}
	requestCtx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	lease, err := r.client.Grant(requestCtx, int64(r.options.LeaseTTL.Seconds()))
	if err != nil {
		return nil, fmt.Errorf("granting a %s lease: %w", r.options.LeaseTTL, err)
	}
	if _, err := r.client.Put(requestCtx, r.key, string(value), clientv3.WithLease(lease.ID)); err != nil {
		return nil, fmt.Errorf("writing %s: %w", r.key, err)
	}
	keepAlive, err := r.client.KeepAlive(keeping, lease.ID)
	if err != nil {
		return nil, fmt.Errorf("keeping lease %x alive: %w", lease.ID, err)
	}
	r.mu.Lock()
	r.lease = lease.ID
	r.mu.Unlock()
	return keepAlive, nil
}

// keepRegistered waits for the lease to be lost and registers again, until keeping ends. It never gives up:
// the service keeps serving its open streams whatever etcd does, and comes back into the registry as soon
// as etcd does.
func (r *Registration) keepRegistered(keeping context.Context, keepAlive <-chan *clientv3.LeaseKeepAliveResponse) {
	defer close(r.kept)
	for {
		// The client closes the channel once no keep-alive has been confirmed for a whole TTL.
		for range keepAlive {
		}
		if keeping.Err() != nil {
			return
		}
		r.logger.Warn("lost the registry lease; registering again")
		for attempt := 1; ; attempt++ {
			if !sleep(keeping, retryDelay(attempt)) {
				return
			}
			var err error
			if keepAlive, err = r.register(keeping, keeping); err == nil {
				r.logger.Info("registered in the service registry again", "attempts", attempt)
				break
			}
			if keeping.Err() != nil {
				return
			}
			r.logger.Warn("could not register yet; trying again", "err", err, "attempt", attempt)
		}
	}
}

// Deregister leaves the registry at once, so workers stop picking this instance, then lets go of etcd. It
// runs once; later calls return nil. An error means the entry stays until its lease expires (within the TTL).
func (r *Registration) Deregister(ctx context.Context) error {
	var err error
	r.deregistered.Do(func() {
		// Stop re-registering first, or a lost lease could write the entry back after the delete.
		r.stopKeeping()
		<-r.kept
		requestCtx, cancel := context.WithTimeout(ctx, requestTimeout)
		defer cancel()
		if _, deleteErr := r.client.Delete(requestCtx, r.key); deleteErr != nil {
			err = fmt.Errorf("deleting %s: %w; the entry goes when its lease expires", r.key, deleteErr)
		}
		r.mu.Lock()
		lease := r.lease
		r.mu.Unlock()
		// Revoking is only tidiness: the key is gone, and the lease would expire on its own.
		_, _ = r.client.Revoke(requestCtx, lease)
		err = errors.Join(err, r.client.Close())
		if err == nil {
			r.logger.Info("left the service registry")
		}
	})
	return err
}

// retryDelay doubles from firstRetryDelay up to maxRetryDelay, each time ±20% at random, so instances
// that lost etcd together do not come back in lockstep.
func retryDelay(attempt int) time.Duration {
	delay := maxRetryDelay
	if attempt < 5 {
		delay = min(maxRetryDelay, firstRetryDelay<<(attempt-1))
	}
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(delay) * jitter)
}

// sleep waits for d, or returns false as soon as ctx ends.
func sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}
