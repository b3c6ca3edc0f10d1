variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

# A secret with a default is a secret in code. (This value is fake.)
variable "client_secret" {
  type      = string
  sensitive = true
  default   = "Zq8~example-not-a-real-secret~4fJ"
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-legacy"
  location            = var.location
  resource_group_name = var.resource_group_name
  dns_prefix          = "aks-legacy"

  default_node_pool {
    name       = "default"
    vm_size    = "Standard_D2s_v5"
    node_count = 2
  }

  service_principal {
    client_id     = "3f1e8c2a-5b7d-4e9f-8a6c-2d4b6f8e0a1c"
    client_secret = var.client_secret
  }
}
