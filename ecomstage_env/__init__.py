"""ecomstage: EComStage as Gymnasium environments."""
