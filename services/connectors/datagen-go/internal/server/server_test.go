package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"connect-mesh.dev/connectors/datagen/internal/datagen"
	"connect-mesh.dev/connectors/datagen/internal/server"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// harness is a datagen service on 127.0.0.1:0 in this process, with a client connection to it.
type harness struct {
	server *server.Server
	conn   *grpc.ClientConn
}

func startHarness(t *testing.T) *harness {
	t.Helper()
	srv, err := server.Start(server.Options{
		Host:        "127.0.0.1",
		Port:        0,
		Plugins:     []server.SourcePlugin{datagen.Plugin{}},
		Logger:      slog.New(slog.DiscardHandler),
		GracePeriod: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient(srv.Address(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		srv.Stop(false)
	})
	return &harness{server: srv, conn: conn}
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitFor polls condition until it holds or the deadline passes, then fails with the last value seen.
func waitFor[T any](t *testing.T, read func() T, condition func(T) bool, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		value := read()
		if condition(value) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v; last value %v", timeout, value)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDescribeListsThePluginWithItsConfigs(t *testing.T) {
	h := startHarness(t)
	response, err := connectmeshv1.NewConnectorServiceClient(h.conn).Describe(testContext(t), &connectmeshv1.DescribeRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(response.GetPlugins()) != 1 {
		t.Fatalf("plugins = %v, want one", response.GetPlugins())
	}
	plugin := response.GetPlugins()[0]
	if plugin.GetClassName() != "dev.connectmesh.datagen.DatagenSource" || strings.Join(plugin.GetAliases(), ",") != "DatagenSource,datagen" ||
		plugin.GetKind() != connectmeshv1.PluginKind_PLUGIN_KIND_SOURCE || plugin.GetVersion() != datagen.Version || plugin.GetDescription() == "" {
		t.Errorf("plugin = %v", plugin)
	}
	var names []string
	for _, config := range plugin.GetConfigs() {
		names = append(names, config.GetName())
	}
	if got := strings.Join(names, ","); got != "topic,count,rate,batch.size,key.type,value.shape,seed" {
		t.Errorf("configs = %s", got)
	}
}

func TestValidateAnswersPerKeyByClassNameOrAlias(t *testing.T) {
	h := startHarness(t)
	client := connectmeshv1.NewConnectorServiceClient(h.conn)
	for _, name := range []string{"dev.connectmesh.datagen.DatagenSource", "DatagenSource", "datagen"} {
		response, err := client.Validate(testContext(t), &connectmeshv1.ValidateRequest{
			Plugin: name, Config: map[string]string{"count": "-7", "key.type": "ulid"},
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		failing := map[string]string{}
		for _, value := range response.GetValues() {
			if len(value.GetErrors()) > 0 {
				failing[value.GetName()] = value.GetErrors()[0]
			}
		}
		if len(response.GetValues()) != 7 || len(failing) != 3 ||
			!strings.Contains(failing["topic"], "Missing required") || !strings.Contains(failing["count"], "at least -1") ||
			!strings.Contains(failing["key.type"], "one of: none, sequence, uuid") {
			t.Errorf("%s: %d results, errors %v", name, len(response.GetValues()), failing)
		}
	}
}

func TestAnUnknownPluginIsNotFoundAndListsWhatIsHosted(t *testing.T) {
	h := startHarness(t)
	var trailer metadata.MD
	_, err := connectmeshv1.NewConnectorServiceClient(h.conn).Validate(testContext(t),
		&connectmeshv1.ValidateRequest{Plugin: "FileStreamSource"}, grpc.Trailer(&trailer))
	if status.Code(err) != codes.NotFound || !strings.Contains(err.Error(), "dev.connectmesh.datagen.DatagenSource (source; also DatagenSource, datagen)") {
		t.Fatalf("Validate = %v, want NOT_FOUND listing the hosted plugin", err)
	}
	reported := &connectmeshv1.ConnectorError{}
	if values := trailer.Get("connectmesh-error-bin"); len(values) != 1 || proto.Unmarshal([]byte(values[0]), reported) != nil ||
		reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_FATAL {
		t.Errorf("trailer = %v, want a FATAL ConnectorError", trailer)
	}
}

func TestPlanHonoursMaxTasks(t *testing.T) {
	h := startHarness(t)
	client := connectmeshv1.NewConnectorServiceClient(h.conn)
	response, err := client.Plan(testContext(t), &connectmeshv1.PlanRequest{
		Plugin: "datagen", ConnectorName: "demo", MaxTasks: 4, Config: map[string]string{"topic": "t", "tasks.max": "4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(response.GetTasks()) != 4 {
		t.Fatalf("planned %d tasks, want 4", len(response.GetTasks()))
	}
	for index, task := range response.GetTasks() {
		if task.GetConfig()["task.index"] != []string{"0", "1", "2", "3"}[index] || task.GetConfig()["topic"] != "t" {
			t.Errorf("task %d config = %v", index, task.GetConfig())
		}
	}
	for name, request := range map[string]*connectmeshv1.PlanRequest{
		"a bad config": {Plugin: "datagen", MaxTasks: 1, Config: map[string]string{"topic": "t", "rate": "-1"}},
		"max_tasks 0":  {Plugin: "datagen", MaxTasks: 0, Config: map[string]string{"topic": "t"}},
	} {
		if _, err := client.Plan(testContext(t), request); status.Code(err) != codes.InvalidArgument {
			t.Errorf("%s: Plan = %v, want INVALID_ARGUMENT", name, err)
		}
	}
}

// readStream is a Read stream seen from the worker's side.
type readStream struct {
	t      *testing.T
	stream grpc.BidiStreamingClient[connectmeshv1.ReadRequest, connectmeshv1.ReadResponse]
	cancel context.CancelFunc
}

func openRead(t *testing.T, h *harness, config map[string]string, offsets ...*connectmeshv1.SourceOffset) *readStream {
	t.Helper()
	ctx, cancel := context.WithCancel(testContext(t))
	stream, err := connectmeshv1.NewSourceServiceClient(h.conn).Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := &readStream{t: t, stream: stream, cancel: cancel}
	r.send(&connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Open{Open: &connectmeshv1.ReadOpen{
		Plugin: "datagen", ConnectorName: "demo", Config: config, Offsets: offsets,
	}}})
	return r
}

func (r *readStream) send(request *connectmeshv1.ReadRequest) {
	r.t.Helper()
	if err := r.stream.Send(request); err != nil {
		r.t.Fatal(err)
	}
}

func (r *readStream) credit(batches uint32) {
	r.send(&connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Credit{Credit: &connectmeshv1.ReadCredit{Batches: batches}}})
}

func (r *readStream) ack(through uint64) {
	r.send(&connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Ack{Ack: &connectmeshv1.ReadAck{ThroughSequence: through}}})
}

func (r *readStream) batch() *connectmeshv1.SourceBatch {
	r.t.Helper()
	response, err := r.stream.Recv()
	if err != nil {
		r.t.Fatalf("receiving a batch: %v", err)
	}
	if response.GetBatch() == nil {
		r.t.Fatalf("received %v, want a batch", response)
	}
	return response.GetBatch()
}

// end half-closes, as a worker stopping the task does, and returns what the stream ended with.
func (r *readStream) end() error {
	r.t.Helper()
	if err := r.stream.CloseSend(); err != nil {
		r.t.Fatal(err)
	}
	response, err := r.stream.Recv()
	if err == nil {
		r.t.Fatalf("received %v after half-closing with no credit left, want the end of the stream", response)
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

func sequenceOf(record *connectmeshv1.Record) int64 {
	return record.GetSourceOffset().GetMapValue().GetEntries()[0].GetValue().GetIntValue()
}

func TestReadNeverSendsMoreBatchesThanCredited(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"topic": "t", "batch.size": "10"})
	read.credit(2)
	for want := uint64(1); want <= 2; want++ {
		if batch := read.batch(); batch.GetSequence() != want || len(batch.GetRecords()) != 10 {
			t.Fatalf("batch %d with %d records, want batch %d of 10", batch.GetSequence(), len(batch.GetRecords()), want)
		}
	}
	read.ack(2)
	// Absence can only be shown over a window: given 300 ms with the credit used up, an endless source
	// sends no third batch. (session_test.go checks the same rule at every send, without timing.)
	received := make(chan *connectmeshv1.ReadResponse, 1)
	go func() {
		response, _ := read.stream.Recv()
		received <- response
	}()
	select {
	case response := <-received:
		t.Fatalf("received %v with no credit left", response)
	case <-time.After(300 * time.Millisecond):
	}
	read.credit(1)
	if response := <-received; response.GetBatch().GetSequence() != 3 {
		t.Fatalf("after one more credit: %v, want batch 3", response)
	}
	if err := read.end(); err != nil {
		t.Fatalf("the stream ended with %v, want OK", err)
	}
}

func TestReadGeneratesThePredictedRecords(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"topic": "orders", "batch.size": "5", "seed": "7", "task.index": "3", "key.type": "uuid"})
	read.credit(1)
	for i, record := range read.batch().GetRecords() {
		want := datagen.DeriveFields(7, 3, int64(i+1))
		value := record.GetValue().GetStructValue().GetFields()
		if record.GetTopic() != "orders" || record.GetKey().GetStringValue() != want.UUID ||
			value[0].GetValue().GetIntValue() != want.ID || value[1].GetValue().GetStringValue() != want.Name ||
			record.GetSourcePartition().GetMapValue().GetEntries()[0].GetValue().GetIntValue() != 3 {
			t.Errorf("record %d = %v, want %+v", i, record, want)
		}
	}
	read.cancel()
}

func TestReadResumesAfterTheStoredOffset(t *testing.T) {
	h := startHarness(t)
	partition := func(task int64) *connectmeshv1.Value {
		return &connectmeshv1.Value{Kind: &connectmeshv1.Value_MapValue{MapValue: &connectmeshv1.MapValue{Entries: []*connectmeshv1.MapEntry{{
			Key: &connectmeshv1.Value{Kind: &connectmeshv1.Value_StringValue{StringValue: "task"}}, Value: &connectmeshv1.Value{Kind: &connectmeshv1.Value_IntValue{IntValue: task}},
		}}}}}
	}
	offset := func(sequence int64) *connectmeshv1.Value {
		return &connectmeshv1.Value{Kind: &connectmeshv1.Value_MapValue{MapValue: &connectmeshv1.MapValue{Entries: []*connectmeshv1.MapEntry{{
			Key: &connectmeshv1.Value{Kind: &connectmeshv1.Value_StringValue{StringValue: "sequence"}}, Value: &connectmeshv1.Value{Kind: &connectmeshv1.Value_IntValue{IntValue: sequence}},
		}}}}}
	}
	// The first run: two batches of 4, only the first acked and its offsets stored.
	first := openRead(t, h, map[string]string{"topic": "t", "batch.size": "4", "task.index": "1"})
	first.credit(2)
	firstBatch := first.batch()
	first.batch()
	first.ack(1)
	first.cancel()
	stored := firstBatch.GetRecords()[3]

	// The restart gets the stored offset (and another task's) and continues after it: at-least-once.
	second := openRead(t, h, map[string]string{"topic": "t", "batch.size": "4", "task.index": "1"},
		&connectmeshv1.SourceOffset{Partition: partition(0), Offset: offset(100)},
		&connectmeshv1.SourceOffset{Partition: stored.GetSourcePartition(), Offset: stored.GetSourceOffset()})
	second.credit(1)
	records := second.batch().GetRecords()
	if got := sequenceOf(records[0]); got != 5 {
		t.Fatalf("resumed at sequence %d, want 5 (after the stored 4)", got)
	}
	if got, want := records[0].GetKey().GetIntValue(), datagen.DeriveFields(42, 1, 5).ID; got != want {
		t.Errorf("first resumed id %d, want %d", got, want)
	}
	second.cancel()
}

func TestReadStopsSendingAtCountAndEndsWhenTheWorkerDoes(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"topic": "t", "batch.size": "10", "count": "15"})
	read.credit(5)
	if got := len(read.batch().GetRecords()); got != 10 {
		t.Fatalf("first batch %d records, want 10", got)
	}
	if got := len(read.batch().GetRecords()); got != 5 {
		t.Fatalf("second batch %d records, want the 5 left of count 15", got)
	}
	// Three credits are left, but the task has nothing more: end must find no batch, then the stream's end.
	if err := read.end(); err != nil {
		t.Fatalf("the stream ended with %v, want OK", err)
	}
}

func TestReadStopsTheTaskWhenTheWorkerCancels(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"topic": "t", "rate": "1"})
	read.credit(10)
	read.batch()
	waitFor(t, h.server.OpenReadStreams, func(open int) bool { return open == 1 }, 5*time.Second)
	read.cancel()
	waitFor(t, h.server.OpenReadStreams, func(open int) bool { return open == 0 }, 5*time.Second)
}

func TestReadKeepsToTheRate(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"topic": "t", "rate": "20", "count": "7"})
	started := time.Now()
	read.credit(100)
	records := 0
	for records < 7 {
		records += len(read.batch().GetRecords())
	}
	// One record at once, the other six at 20/s: at least 300 ms.
	if elapsed := time.Since(started); elapsed < 250*time.Millisecond {
		t.Errorf("7 records at 20/s took %v, want about 300 ms", elapsed)
	}
	read.cancel()
}

func TestReadRefusesAStreamThatBreaksTheRules(t *testing.T) {
	h := startHarness(t)
	ctx := testContext(t)
	stream, err := connectmeshv1.NewSourceServiceClient(h.conn).Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Credit{Credit: &connectmeshv1.ReadCredit{Batches: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "must be open") {
		t.Errorf("credit before open: %v, want INVALID_ARGUMENT", err)
	}

	read := openRead(t, h, map[string]string{"topic": "t"})
	read.credit(1)
	read.batch()
	read.ack(2)
	if _, err := read.stream.Recv(); status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "only 1 batches were sent") {
		t.Errorf("an ack beyond the batches sent: %v, want INVALID_ARGUMENT", err)
	}
}

func TestReadOfAnUnknownPluginIsNotFound(t *testing.T) {
	h := startHarness(t)
	stream, err := connectmeshv1.NewSourceServiceClient(h.conn).Read(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	_ = stream.Send(&connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Open{Open: &connectmeshv1.ReadOpen{Plugin: "FileStreamSource"}}})
	if _, err := stream.Recv(); status.Code(err) != codes.NotFound {
		t.Errorf("Read = %v, want NOT_FOUND", err)
	}
}

func TestReadReportsABadTaskConfigAsAFatalErrorInTheStream(t *testing.T) {
	h := startHarness(t)
	read := openRead(t, h, map[string]string{"batch.size": "0"})
	response, err := read.stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	reported := response.GetError()
	if reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_FATAL || !strings.Contains(reported.GetMessage(), "topic") ||
		!strings.Contains(reported.GetMessage(), "batch.size") || reported.GetErrorClass() != "*configdef.ConfigError" {
		t.Errorf("reported %v, want a FATAL ConfigError naming topic and batch.size", reported)
	}
	if _, err := read.stream.Recv(); !errors.Is(err, io.EOF) {
		t.Errorf("after the error: %v, want the stream's end", err)
	}
}

func TestHealthIsServingUntilTheServerStops(t *testing.T) {
	h := startHarness(t)
	health := healthpb.NewHealthClient(h.conn)
	for _, service := range []string{"", "connectmesh.v1.ConnectorService", "connectmesh.v1.SourceService"} {
		response, err := health.Check(testContext(t), &healthpb.HealthCheckRequest{Service: service})
		if err != nil || response.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("health of %q = %v, %v; want SERVING", service, response, err)
		}
	}
	watch, err := health.Watch(testContext(t), &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if update, err := watch.Recv(); err != nil || update.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("first health update %v, %v; want SERVING", update, err)
	}
	go h.server.Stop(true)
	if update, err := watch.Recv(); err != nil || update.GetStatus() != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("health update on stop %v, %v; want NOT_SERVING", update, err)
	}
}

func TestReflectionListsEveryService(t *testing.T) {
	h := startHarness(t)
	stream, err := reflectionpb.NewServerReflectionClient(h.conn).ServerReflectionInfo(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	response, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, service := range response.GetListServicesResponse().GetService() {
		listed[service.GetName()] = true
	}
	for _, want := range []string{"connectmesh.v1.ConnectorService", "connectmesh.v1.SourceService", "grpc.health.v1.Health"} {
		if !listed[want] {
			t.Errorf("reflection lists %v, missing %s", listed, want)
		}
	}
}
