package server

import (
	"context"
	"fmt"
	"log/slog"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// connectorService answers Describe, Validate and Plan for the hosted plugins. Stateless, as the contract
// asks.
type connectorService struct {
	connectmeshv1.UnimplementedConnectorServiceServer
	catalog *pluginCatalog
	logger  *slog.Logger
}

func (c *connectorService) Describe(context.Context, *connectmeshv1.DescribeRequest) (*connectmeshv1.DescribeResponse, error) {
	return c.catalog.description, nil
}

func (c *connectorService) Validate(ctx context.Context, request *connectmeshv1.ValidateRequest) (*connectmeshv1.ValidateResponse, error) {
	plugin, err := c.catalog.find(request.GetPlugin())
	if err != nil {
		c.logger.Debug("Validate refused", "plugin", request.GetPlugin(), "err", err)
		return nil, unaryError(ctx, err)
	}
	return &connectmeshv1.ValidateResponse{Values: plugin.Validate(request.GetConfig())}, nil
}

func (c *connectorService) Plan(ctx context.Context, request *connectmeshv1.PlanRequest) (*connectmeshv1.PlanResponse, error) {
	logger := c.logger.With("plugin", request.GetPlugin(), "connector", request.GetConnectorName())
	plugin, err := c.catalog.find(request.GetPlugin())
	if err != nil {
		logger.Debug("Plan refused", "err", err)
		return nil, unaryError(ctx, err)
	}
	if request.GetMaxTasks() < 1 {
		err := &mesherr.ProtocolError{Rule: fmt.Sprintf("a PlanRequest's max_tasks must be at least 1, not %d", request.GetMaxTasks())}
		logger.Debug("Plan refused", "err", err)
		return nil, unaryError(ctx, err)
	}
	configs, err := plugin.Plan(request.GetConnectorName(), request.GetConfig(), int(request.GetMaxTasks()))
	if err != nil {
		logger.Debug("Plan refused", "err", err)
		return nil, unaryError(ctx, err)
	}
	if len(configs) > int(request.GetMaxTasks()) {
		err := fmt.Errorf("plugin %s planned %d tasks for connector %q but max_tasks is %d; this is a bug in the plugin",
			request.GetPlugin(), len(configs), request.GetConnectorName(), request.GetMaxTasks())
		logger.Error("Plan broke the contract", "err", err)
		return nil, unaryError(ctx, err)
	}
	response := &connectmeshv1.PlanResponse{Tasks: make([]*connectmeshv1.TaskConfig, len(configs))}
	for i, config := range configs {
		response.Tasks[i] = &connectmeshv1.TaskConfig{Config: config}
	}
	logger.Debug("planned tasks", "tasks", len(configs), "max_tasks", request.GetMaxTasks())
	return response, nil
}
